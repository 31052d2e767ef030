package org.dqms.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The access token from {@code Authorization: Bearer ...}; without an {@code Authorization} header,
 * from the {@code dqms_access} cookie. A request with a header of another scheme is not
 * authenticated by the cookie either, as it would then escape the CSRF check.
 */
final class CookieBearerTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        if (SessionCookies.authenticatesByCookie(request)) {
            return SessionCookies.read(request, SessionCookies.ACCESS);
        }
        return header.resolve(request);
    }
}
