package org.dqms.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;

/**
 * The CSRF token of the sign-in form, double-submitted: the {@code XSRF-TOKEN} cookie that the
 * form's page set, and the masked {@code _csrf} field it rendered. A visitor has no access cookie
 * yet, so {@code CsrfFilter} leaves the sign-in alone ({@link SessionCookies#csrfProtected()}); without
 * this check a page elsewhere could post its own email and password from the victim's browser and
 * sign the victim in to the attacker's account (login CSRF). The check is the filter's, with the
 * same repository and request handler, made in the controller so that a refused form comes back
 * with a message and a fresh token.
 */
final class SignInFormToken {

    private final CsrfTokenRepository tokens;
    private final CsrfTokenRequestHandler requestHandler = new DeferredCsrfTokenRequestHandler();

    SignInFormToken(CsrfTokenRepository tokens) {
        this.tokens = tokens;
    }

    /** Whether the request echoes the token of its {@code XSRF-TOKEN} cookie; false without the cookie. */
    boolean echoed(HttpServletRequest request) {
        CsrfToken expected = tokens.loadToken(request);
        if (expected == null) {
            return false;
        }
        String actual = requestHandler.resolveCsrfTokenValue(request, expected);
        return actual != null
                && MessageDigest.isEqual(
                        expected.getToken().getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
