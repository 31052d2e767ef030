package org.dqms.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseCookie;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The session as cookies, for pages: {@code dqms_access} holds the access token and goes with every
 * request ({@code SameSite=Lax}); {@code dqms_refresh} holds the refresh token and goes only to
 * /api/v1/auth from dqms' own pages ({@code SameSite=Strict}). Both are {@code HttpOnly}, and
 * {@code Secure} when the request arrived over HTTPS (after the proxy's forwarded headers). A
 * request that the access cookie authenticates needs a CSRF token to change anything.
 */
final class SessionCookies {

    static final String ACCESS = "dqms_access";
    static final String REFRESH = "dqms_refresh";
    static final String REFRESH_PATH = "/api/v1/auth";

    private static final List<String> STATE_CHANGING =
            List.of(HttpMethod.POST.name(), HttpMethod.PUT.name(), HttpMethod.PATCH.name(), HttpMethod.DELETE.name());

    private SessionCookies() {}

    /**
     * Delivers the session in the two cookies. They are added to the servlet response, as is the
     * {@code XSRF-TOKEN} cookie; a {@code Set-Cookie} header on a {@code ResponseEntity} would replace it.
     */
    static void write(
            HttpServletRequest request, HttpServletResponse response, Session session, Duration refreshTokenTtl) {
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                access(request, session.accessToken(), session.accessTokenTtl()).toString());
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                refresh(request, session.refreshToken(), refreshTokenTtl).toString());
    }

    /** Removes the session cookies from the browser. */
    static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, access(request, "", Duration.ZERO).toString());
        response.addHeader(
                HttpHeaders.SET_COOKIE, refresh(request, "", Duration.ZERO).toString());
    }

    private static ResponseCookie access(HttpServletRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(ACCESS, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
    }

    private static ResponseCookie refresh(HttpServletRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(REFRESH, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Strict")
                .path(REFRESH_PATH)
                .maxAge(maxAge)
                .build();
    }

    /** The value of the cookie, or null if the request has none or it is empty. */
    static String read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)
                    && cookie.getValue() != null
                    && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /**
     * Whether the access cookie is the request's credential: it has no {@code Authorization} header
     * (whatever its scheme) and a {@code dqms_access} cookie. The bearer token resolver and the CSRF
     * check both go by this, so a request the cookie authenticates is never exempt from CSRF.
     */
    static boolean authenticatesByCookie(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null && read(request, ACCESS) != null;
    }

    /** Requests that need a CSRF token: state-changing ones that the access cookie authenticates. */
    static RequestMatcher csrfProtected() {
        return request -> STATE_CHANGING.contains(request.getMethod()) && authenticatesByCookie(request);
    }

    /**
     * {@code XSRF-TOKEN}, readable by the pages' scripts, echoed in {@code X-XSRF-TOKEN} or the form
     * field {@code _csrf}; {@code Secure} over HTTPS.
     */
    static CsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax").path("/"));
        return tokens;
    }
}
