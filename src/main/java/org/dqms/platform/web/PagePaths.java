package org.dqms.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/** Which requests are answered as pages, with sign-in redirects and the error page: all but the API and Actuator. */
public final class PagePaths {

    private PagePaths() {}

    public static boolean isPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") && !path.startsWith("/actuator") && !path.startsWith("/v3/api-docs");
    }
}
