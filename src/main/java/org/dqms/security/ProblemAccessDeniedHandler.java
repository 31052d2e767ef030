package org.dqms.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * 403 with a Problem Details body, for a signed-in user whose role may not make the request, or a
 * cookie-authenticated request without its CSRF token.
 */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        bearer.handle(request, response, denied);
        if (denied instanceof CsrfException) {
            ProblemResponses.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "CSRF token missing or wrong",
                    "A request signed in by cookie must echo the XSRF-TOKEN cookie in X-XSRF-TOKEN or _csrf.");
            return;
        }
        ProblemResponses.write(
                request, response, HttpStatus.FORBIDDEN, "Forbidden", "Your account may not make this request.");
    }
}
