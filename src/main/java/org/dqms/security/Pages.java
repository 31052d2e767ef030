package org.dqms.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * How a page, unlike the API, answers a visitor who may not see it: not signed in (or the session
 * has run out) goes to the sign-in page and back; signed in with the wrong role gets the 403 page.
 */
final class Pages {

    private Pages() {}

    /** Requests answered as pages: everything but the API and Actuator. */
    static boolean isPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") && !path.startsWith("/actuator") && !path.startsWith("/v3/api-docs");
    }

    static AuthenticationEntryPoint entryPoint(AuthenticationEntryPoint api) {
        return (request, response, failure) -> {
            if (isPage(request)) {
                response.sendRedirect(request.getContextPath() + "/sign-in" + returnTo(request));
            } else {
                api.commence(request, response, failure);
            }
        };
    }

    static AccessDeniedHandler accessDenied(AccessDeniedHandler api) {
        return (request, response, denied) -> {
            if (isPage(request)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
            } else {
                api.handle(request, response, denied);
            }
        };
    }

    /**
     * Where to return after signing in: this page, as a path on this site only. A form sent after the
     * session ran out has no page to return to (its address only takes the form), so the sign-in then
     * leads to the account's start page.
     */
    private static String returnTo(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return "";
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        return "?next=" + URLEncoder.encode(query == null ? path : path + "?" + query, StandardCharsets.UTF_8);
    }

    /** A {@code next} parameter that stays on this site: a path, never {@code //host} or a scheme. */
    static String safeNext(String next, String fallback) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return fallback;
        }
        return next;
    }
}
