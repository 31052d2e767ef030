package org.dqms.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private static final String EMAIL = "asha.rao@example.org";
    private static final String NAME = "Asha Rao";

    private final PasswordPolicy policy = policy(12);

    private static PasswordPolicy policy(int minLength) {
        return new PasswordPolicy(new AccountSettings(minLength, 5, Duration.ofMinutes(15), null, null));
    }

    @Test
    void aLongUncommonPasswordIsAccepted() {
        assertThatCode(() -> policy.check("violet-tractor-minus-lagoon", EMAIL, NAME))
                .doesNotThrowAnyException();
    }

    @Test
    void aShortPasswordIsRefused() {
        assertThatThrownBy(() -> policy.check("kV9#qz2!Lw", EMAIL, NAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password: must be at least 12 characters long");
    }

    @Test
    void theMinimumLengthIsASetting() {
        assertThatCode(() -> policy(8).check("kV9#qz2!Lw", EMAIL, NAME)).doesNotThrowAnyException();
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        // 12 characters, 24 bytes: long enough.
        assertThatCode(() -> policy.check("ЖжЯяЮюЩщЭэЁё", EMAIL, NAME)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("ЖжЯяЮюЩщЭэЁ", EMAIL, NAME))
                .hasMessageContaining("at least 12 characters");
    }

    @Test
    void moreThanBcryptReadsIsRefused() {
        assertThatCode(() -> policy.check("v".repeat(36) + "q".repeat(36), EMAIL, NAME))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("v".repeat(36) + "q".repeat(37), EMAIL, NAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("password: must be at most 72 bytes");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "passwordpassword",
                "Password123!",
                "qwertyuiop123",
                "123456789012",
                "987654321098",
                "abcdefghijklm",
                "111111111111",
                "abcabcabcabc",
                "!!Sunshine2024!!",
                "iloveyou12345",
                "Baseball#12345",
            })
    void commonRepeatedOrSequentialPasswordsAreRefused(String password) {
        assertThatThrownBy(() -> policy.check(password, EMAIL, NAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("password: is too common");
    }

    @ParameterizedTest
    @ValueSource(strings = {"asha.rao@example.org", "my-Asha.Rao@example.org!", "RaoAshaRao2024!", "xx-ASHA-xx-long"})
    void theEmailOrNameIsRefused(String password) {
        assertThatThrownBy(() -> policy.check(password, EMAIL, NAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password: must not contain your email or name");
    }

    @Test
    void theEmailDomainAloneDoesNotCount() {
        assertThatCode(() -> policy.check("violet-example-lagoon", EMAIL, NAME)).doesNotThrowAnyException();
    }

    @Test
    void theMessageNeverRepeatsThePassword() {
        assertThatThrownBy(() -> policy.check("Password123!", EMAIL, NAME))
                .message()
                .doesNotContain("Password123");
    }

    @Test
    void randomPasswordsHaveTheLengthAskedFor() {
        for (int length : new int[] {8, 20, 21, 63, 64}) {
            assertThat(Passwords.random(length)).matches("[A-Za-z0-9_-]{" + length + "}");
        }
        assertThatCode(() -> policy(64).check(Passwords.random(64), EMAIL, NAME))
                .doesNotThrowAnyException();
    }

    @Test
    void demoAccountsTakeTheFirstRandomPasswordThePolicyAccepts() {
        String withName = "Qx7Demo9Lm2Kp4Vw8Zt1Y";
        String without = "Qx7bcd9Lm2Kp4Vw8Zt1Y";
        assertThatThrownBy(() -> policy.check(withName, "demo.reception@demo.dqms", "Demo Reception"))
                .hasMessageStartingWith("password: ");
        java.util.Iterator<String> passwords =
                java.util.List.of(withName, without).iterator();

        assertThat(DemoAccounts.password(policy, passwords::next, "demo.reception@demo.dqms", "Demo Reception"))
                .isEqualTo(without);
        assertThatThrownBy(() ->
                        DemoAccounts.password(policy, () -> withName, "demo.reception@demo.dqms", "Demo Reception"))
                .hasMessageStartingWith("password: ");
    }
}
