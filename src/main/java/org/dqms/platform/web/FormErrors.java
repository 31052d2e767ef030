package org.dqms.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * What is wrong with a submitted form, field by field, in the visitor's language: a page shows each
 * message next to its field and keeps what was entered. The field {@link #FORM} is for a problem
 * that belongs to no one field.
 */
public final class FormErrors {

    /** The pseudo-field of a problem with the form as a whole. */
    public static final String FORM = "form";

    private final MessageSource messages;
    private final Map<String, String> byField = new LinkedHashMap<>();

    public FormErrors(MessageSource messages) {
        this.messages = messages;
    }

    /** Records the message {@code key} for the field; the first problem of a field is the one shown. */
    public FormErrors reject(String field, String key, Object... args) {
        byField.putIfAbsent(field, messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
        return this;
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /** The message for the field, or null. */
    public String get(String field) {
        return byField.get(field);
    }

    public boolean any() {
        return !byField.isEmpty();
    }
}
