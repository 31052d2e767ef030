package org.dqms.platform.web;

import java.util.List;
import java.util.Locale;

/** The languages the pages ship in; each has its message bundles under {@code i18n/}. */
public final class Languages {

    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("hi"));

    /** The cookie that keeps a visitor's choice. */
    static final String COOKIE = "dqms_lang";

    /** The query parameter that switches language, e.g. {@code ?lang=hi}. */
    static final String PARAMETER = "lang";

    private Languages() {}

    /** The code of the supported language of {@code locale} ({@code hi} for hi-IN), or null. */
    public static String supportedCode(Locale locale) {
        if (locale == null) {
            return null;
        }
        return SUPPORTED.stream()
                .map(Locale::getLanguage)
                .filter(code -> code.equals(locale.getLanguage()))
                .findFirst()
                .orElse(null);
    }
}
