package org.dqms.security;

/**
 * What Spring Security's {@code StrictHttpFirewall} allows in header names, header values and
 * parameter names, decided without its regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*},
 * and the same with a tab in header values). The firewall checks every header the application reads,
 * and the expressions' Unicode classes were a few per cent of a request's CPU. {@code
 * FirewallCharactersTest} checks every code point against the expressions.
 */
final class FirewallCharacters {

    private FirewallCharacters() {}

    /** Every code point assigned and not a control character. */
    static boolean assignedAndNotControl(String text) {
        return allowed(text, false);
    }

    /** As {@link #assignedAndNotControl}, with tabs allowed as well (header values). */
    static boolean assignedAndNotControlOrTab(String text) {
        return allowed(text, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
