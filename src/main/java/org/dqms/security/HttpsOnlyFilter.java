package org.dqms.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With {@code DQMS_REQUIRE_HTTPS=true}, refuses (403) a request that did not arrive over HTTPS, as
 * the proxy reports it in {@code X-Forwarded-Proto}. A redirect would let a client send its password
 * or token in clear text once and not notice. The actuator is exempt: load balancers and metrics
 * collectors reach it directly on the private network.
 */
final class HttpsOnlyFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.isSecure() || path.equals("/actuator") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ProblemResponses.write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                "HTTPS required",
                "dqms accepts requests over HTTPS only; use the https:// address.");
    }
}
