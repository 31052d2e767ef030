package org.dqms.audit;

/** What of a person's contact details the audit log may keep. */
final class Masks {

    private Masks() {}

    /**
     * The first letter and the domain, {@code j***@example.org}: enough to tell attempts on one
     * address apart, not enough to learn it. Without an {@code @}, only the first letter.
     */
    static String email(String email) {
        String value = email == null ? "" : email.strip();
        if (value.isEmpty()) {
            return "";
        }
        int at = value.lastIndexOf('@');
        String first = value.substring(0, value.offsetByCodePoints(0, 1));
        if (at <= 0) {
            return first + "***";
        }
        return first + "***" + value.substring(at);
    }
}
