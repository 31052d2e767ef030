package org.dqms.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The access token from {@code Authorization: Bearer ...}; without an {@code Authorization} header,
 * from the {@code dqms_access} cookie. A request with a header of another scheme is not
 * authenticated by the cookie either, as it would then escape the CSRF check.
 *
 * <p>A cookie whose token no longer verifies (signed with a key since rotated, or refused by the
 * clock of another instance) is passed over: the browser is then an anonymous visitor, sent to
 * sign in where a page needs it, and its silent refresh still works. Refusing it would send every
 * page, the sign-in page included, to sign in again, in a loop that lasts as long as the cookie. A
 * bad token in the header is still refused, as an API client must fix its own.
 */
final class CookieBearerTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
    private final JwtDecoder decoder;

    CookieBearerTokenResolver(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public String resolve(HttpServletRequest request) {
        if (SessionCookies.authenticatesByCookie(request)) {
            String token = SessionCookies.read(request, SessionCookies.ACCESS);
            return token == null || verifies(token) ? token : null;
        }
        return header.resolve(request);
    }

    private boolean verifies(String token) {
        try {
            decoder.decode(token);
            return true;
        } catch (JwtException e) {
            return false;
        }
    }
}
