package org.dqms.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.dqms.platform.web.PagePaths;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * How a page, unlike the API, answers a visitor who may not see it: not signed in (or the session
 * has run out) goes to the sign-in page and back; signed in with the wrong role gets the 403 page.
 */
final class Pages {

    // RFC 3986's unreserved marks, sub-delims, ':', '@', and the '/' and '?' of a path and query.
    private static final String PATH_AND_QUERY_MARKS = "-._~!$&'()*+,;=:@/?";

    private Pages() {}

    /** Requests answered as pages: everything but the API and Actuator ({@link PagePaths}). */
    static boolean isPage(HttpServletRequest request) {
        return PagePaths.isPage(request);
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

    /** A {@code next} parameter that stays on this site, or else {@code fallback}. */
    static String safeNext(String next, String fallback) {
        return isPathOnThisSite(next) ? next : fallback;
    }

    /**
     * Whether a URL parser resolves {@code next} to a path on this site, whatever page it is resolved
     * against: a slash and then no second slash or backslash (which would start a host), and
     * otherwise only the printable ASCII that a URL path and query hold as they are, with {@code %}
     * before two hex digits. Browsers drop tabs and line breaks from a URL ({@code /\t/evil.example}
     * becomes {@code //evil.example}) and read a backslash as a slash, so no control character,
     * space or backslash passes, nor any other letter than ASCII (a page's own path comes here
     * percent-encoded), nor a brace, which a redirect would expand.
     */
    static boolean isPathOnThisSite(String next) {
        if (next == null || next.isEmpty() || next.charAt(0) != '/') {
            return false;
        }
        if (next.length() > 1 && (next.charAt(1) == '/' || next.charAt(1) == '\\')) {
            return false;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c == '%') {
                if (i + 2 >= next.length() || !isHexDigit(next.charAt(i + 1)) || !isHexDigit(next.charAt(i + 2))) {
                    return false;
                }
            } else if (!isAsciiLetterOrDigit(c) && PATH_AND_QUERY_MARKS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
