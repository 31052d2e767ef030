package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The firewall's character rules decide as Spring Security's regular expressions do. */
class FirewallCharactersTest {

    // StrictHttpFirewall's own expressions (Spring Security 7.0).
    private static final Pattern ASSIGNED_AND_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointAloneAndBetweenLettersIsDecidedAsByTheExpressions() {
        int allowed = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            String between = "a" + alone + "b";
            for (String text : new String[] {alone, between}) {
                assertThat(FirewallCharacters.assignedAndNotControl(text))
                        .as("U+%04X in \"%s\"", codePoint, text)
                        .isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(text).matches());
                assertThat(FirewallCharacters.assignedAndNotControlOrTab(text))
                        .as("U+%04X in a header value", codePoint)
                        .isEqualTo(HEADER_VALUE.matcher(text).matches());
            }
            if (FirewallCharacters.assignedAndNotControl(alone)) {
                allowed++;
            }
        }
        assertThat(allowed).as("code points allowed").isBetween(250_000, Character.MAX_CODE_POINT);
        assertThat(FirewallCharacters.assignedAndNotControl("a\tb")).isFalse();
        assertThat(FirewallCharacters.assignedAndNotControlOrTab("a\tb")).isTrue();
        assertThat(FirewallCharacters.assignedAndNotControlOrTab("a\u0085b")).isFalse();
    }

    @Test
    void loneSurrogatesAreDecidedAsByTheExpressions() {
        for (char unit = Character.MIN_SURROGATE; unit <= Character.MAX_SURROGATE; unit++) {
            String text = "x" + unit;
            assertThat(FirewallCharacters.assignedAndNotControl(text))
                    .isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(text).matches());
            assertThat(FirewallCharacters.assignedAndNotControlOrTab(text))
                    .isEqualTo(HEADER_VALUE.matcher(text).matches());
        }
    }

    @Property(tries = 2000)
    void anyTextIsDecidedAsByTheExpressions(@ForAll String text) {
        assertThat(FirewallCharacters.assignedAndNotControl(text))
                .isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(text).matches());
        assertThat(FirewallCharacters.assignedAndNotControlOrTab(text))
                .isEqualTo(HEADER_VALUE.matcher(text).matches());
    }
}
