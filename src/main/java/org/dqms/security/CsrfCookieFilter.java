package org.dqms.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes sure a request the access cookie authenticates leaves with an {@code XSRF-TOKEN} cookie:
 * Spring Security issues the token only when something asks for it, and the pages' scripts need it
 * before their first form post. Bearer-token requests get none.
 */
final class CsrfCookieFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SessionCookies.authenticatesByCookie(request)) {
            issue(request);
        }
        chain.doFilter(request, response);
    }

    /** Loads the request's CSRF token, which writes its cookie if the request had none. */
    static void issue(HttpServletRequest request) {
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
    }
}
