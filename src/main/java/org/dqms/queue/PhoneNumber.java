package org.dqms.queue;

import java.util.regex.Pattern;

/** A phone number in E.164 form, e.g. {@code +919812345678}. */
public record PhoneNumber(String value) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public PhoneNumber {
        if (value == null || !E164.matcher(value).matches()) {
            throw new IllegalArgumentException("phone must be in E.164 form, e.g. +919812345678");
        }
    }

    /** The number with all but the last four digits hidden, for logs and screens. */
    public String masked() {
        return value.substring(0, 3) + "*".repeat(value.length() - 7) + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
