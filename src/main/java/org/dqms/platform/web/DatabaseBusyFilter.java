package org.dqms.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * A busy or unreachable database met before any controller ran (the rate limits count in the
 * database, in a filter) is answered as a controller's would be ({@link DatabaseBusy}, ADR 26),
 * instead of falling through to the container's 500. The API gets {@code ProblemDetailsAdvice}'s own
 * answer, through Spring MVC's exception resolver; a page gets the 503 page. Any other exception
 * passes on untouched.
 */
final class DatabaseBusyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBusyFilter.class);

    private final HandlerExceptionResolver mvcErrors;

    DatabaseBusyFilter(HandlerExceptionResolver mvcErrors) {
        this.mvcErrors = mvcErrors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            Exception notNow = DatabaseBusy.notNow(e);
            if (notNow == null || response.isCommitted()) {
                throw e;
            }
            if (PagePaths.isPage(request)) {
                DatabaseBusy.answerPage(log, notNow, response);
                return;
            }
            response.resetBuffer();
            // No handler: of the controller advice, only ProblemDetailsAdvice applies to every request.
            if (mvcErrors.resolveException(request, response, null, notNow) == null) {
                throw e;
            }
        }
    }
}
