package org.dqms.audit;

/** What of a person's contact details the audit log may keep. */
final class Masks {

    // A host name with at least one dot and letters at its end: what an email's domain looks like.
    private static final java.util.regex.Pattern DOMAIN =
            java.util.regex.Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,63}");

    private Masks() {}

    /**
     * The first letter and the domain, {@code j***@example.org}: enough to tell attempts on one
     * address apart, not enough to learn it. Without an {@code @}, or when what follows it is no
     * domain (a password typed into the email field, {@code Sunil@2024}), only the first letter.
     */
    static String email(String email) {
        String value = email == null ? "" : email.strip();
        if (value.isEmpty()) {
            return "";
        }
        int at = value.lastIndexOf('@');
        String first = value.substring(0, value.offsetByCodePoints(0, 1));
        if (at <= 0 || !DOMAIN.matcher(value.substring(at + 1)).matches()) {
            return first + "***";
        }
        return first + "***" + value.substring(at);
    }
}
