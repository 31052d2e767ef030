package org.dqms.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dqms.accounts.TestAccounts.PASSWORD;
import static org.dqms.accounts.TestAccounts.uniqueEmail;

import java.time.Duration;
import java.util.Locale;
import org.dqms.platform.Actor;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.SignInFailureRows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The lockout settings at work, with a lockout short enough to wait for, and the spellings of an
 * email that share one count.
 */
@IntegrationTest
@TestPropertySource(properties = {"dqms.accounts.max-failed-sign-ins=2", "dqms.accounts.lockout=2s"})
class SignInLockoutExpiryTest {

    private static final String IP = "198.51.100.4";

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aLockRunsOutAndCountingStartsAgain() throws InterruptedException {
        String email = uniqueEmail("expiry");
        accounts.signUpPatient(Actor.SYSTEM, "Asha Rao", null, email, PASSWORD);

        assertThat(accounts.authenticate(email, "wrong-password-1", IP)).isEqualTo(new SignInResult.Refused());
        assertThat(accounts.authenticate(email, "wrong-password-2", IP))
                .isEqualTo(new SignInResult.LockedOut(Duration.ofSeconds(2)));
        assertThat(accounts.authenticate(email, PASSWORD, IP)).isInstanceOf(SignInResult.LockedOut.class);

        Thread.sleep(2_100);

        assertThat(accounts.authenticate(email, "wrong-password-3", IP)).isEqualTo(new SignInResult.Refused());
        assertThat(accounts.authenticate(email, PASSWORD, IP)).isInstanceOf(SignInResult.SignedIn.class);
    }

    /**
     * Accounts are found by PostgreSQL's {@code lower()}, whose fold depends on the database's
     * locale and differs from Java's: in a C locale {@code É} is not folded (Java folds it), in a
     * UTF-8 locale {@code İ} folds to {@code i} (Java's to {@code i̇}). Two spellings share one
     * count exactly when they would reach the same account, whichever locale the database has.
     */
    @Test
    void spellingsShareOneCountExactlyWhenTheyReachTheSameAccount() {
        String tag = uniqueEmail("fold");
        String accented = "ÉLISE-" + tag;
        String dotted = "İLKAY-" + tag;
        String[][] pairs = {
            {accented, accented.toLowerCase(Locale.ROOT)}, {dotted, databaseLowerCase(dotted)},
        };
        boolean anyFoldedUnlikeJava = false;
        for (String[] pair : pairs) {
            String first = pair[0];
            String second = pair[1];
            boolean sameAccount = jdbc.sql("SELECT lower(:first) = lower(:second)")
                    .param("first", first)
                    .param("second", second)
                    .query(Boolean.class)
                    .single();
            anyFoldedUnlikeJava |=
                    sameAccount != first.toLowerCase(Locale.ROOT).equals(second.toLowerCase(Locale.ROOT));
            try {
                assertThat(accounts.authenticate(first, "wrong-password-1", IP)).isEqualTo(new SignInResult.Refused());
                assertThat(accounts.authenticate(first, "wrong-password-2", IP))
                        .isInstanceOf(SignInResult.LockedOut.class);

                SignInResult other = accounts.authenticate(second, "wrong-password-3", IP);

                if (sameAccount) {
                    assertThat(other)
                            .as("%s after %s was locked", second, first)
                            .isInstanceOf(SignInResult.LockedOut.class);
                } else {
                    assertThat(other)
                            .as("%s after %s was locked", second, first)
                            .isEqualTo(new SignInResult.Refused());
                }
            } finally {
                SignInFailureRows.forget(jdbc, first);
                SignInFailureRows.forget(jdbc, second);
            }
        }
        assertThat(anyFoldedUnlikeJava)
                .as("the database folds one of the spellings unlike Java, so the test can tell the keys apart")
                .isTrue();
    }

    private String databaseLowerCase(String text) {
        return jdbc.sql("SELECT lower(:text)")
                .param("text", text)
                .query(String.class)
                .single();
    }
}
