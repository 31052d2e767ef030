package org.dqms.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 with a Problem Details body: for a bearer token that is invalid or expired, and for a request
 * without one to an endpoint that needs it. The {@code WWW-Authenticate} header says which (RFC 6750).
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        boolean invalidToken = failure instanceof InvalidBearerTokenException
                || response.getHeader("WWW-Authenticate") != null
                        && response.getHeader("WWW-Authenticate").contains("invalid_token");
        if (invalidToken) {
            ProblemResponses.write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "Invalid access token",
                    "The access token is invalid or has expired; refresh it or sign in again.");
        } else {
            ProblemResponses.write(
                    request, response, HttpStatus.UNAUTHORIZED, "Not signed in", "Sign in to use this endpoint.");
        }
    }
}
