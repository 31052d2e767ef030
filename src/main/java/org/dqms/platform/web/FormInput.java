package org.dqms.platform.web;

import java.util.List;
import java.util.Objects;

/**
 * What a page's form sends, read the same way wherever it is read: by the page that stores it and
 * by the rate limit that counts it.
 */
public final class FormInput {

    private FormInput() {}

    /** A phone number as typed, as the pages store it: no spaces anywhere ("+91 98123 45678"). */
    public static String phone(String typed) {
        return typed.strip().replace(" ", "");
    }

    /**
     * The values chosen in a repeated field: an empty value binds to null and means nothing chosen
     * there; no field at all is an empty list.
     */
    public static <T> List<T> chosen(List<T> values) {
        return values == null
                ? List.of()
                : values.stream().filter(Objects::nonNull).toList();
    }
}
