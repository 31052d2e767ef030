package org.dqms.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Lets {@code ?lang=} switch only to a language dqms ships; anything else is ignored. */
final class SupportedLanguagesOnly implements HandlerInterceptor {

    private final LocaleChangeInterceptor change;

    SupportedLanguagesOnly(LocaleChangeInterceptor change) {
        this.change = change;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws jakarta.servlet.ServletException {
        String wanted = request.getParameter(Languages.PARAMETER);
        if (wanted == null
                || Languages.SUPPORTED.stream().noneMatch(l -> l.getLanguage().equals(wanted))) {
            return true;
        }
        return change.preHandle(request, response, handler);
    }
}
