package org.dqms.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;

/**
 * CSRF tokens as the pages use them: a token in the {@code X-XSRF-TOKEN} header is the cookie's
 * value as the scripts copy it, one in a form field is the masked value the pages render. Unlike
 * Spring Security's single-page-application handler, this one leaves the token deferred: a request
 * that never asks for it (a phone following its token, a bearer-token client) draws no token and
 * gets no {@code XSRF-TOKEN} cookie. {@link CsrfCookieFilter} asks for it on requests the access
 * cookie authenticates, and a page form asks for it as it renders.
 */
final class DeferredCsrfTokenRequestHandler implements CsrfTokenRequestHandler {

    private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();
    private final CsrfTokenRequestHandler masked = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        masked.handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        boolean fromHeader = StringUtils.hasText(request.getHeader(token.getHeaderName()));
        return (fromHeader ? plain : masked).resolveCsrfTokenValue(request, token);
    }
}
