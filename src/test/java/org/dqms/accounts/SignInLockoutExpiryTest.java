package org.dqms.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dqms.accounts.TestAccounts.PASSWORD;
import static org.dqms.accounts.TestAccounts.uniqueEmail;

import java.time.Duration;
import org.dqms.platform.Actor;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The lockout settings at work, with a lockout short enough to wait for. */
@IntegrationTest
@TestPropertySource(properties = {"dqms.accounts.max-failed-sign-ins=2", "dqms.accounts.lockout=2s"})
class SignInLockoutExpiryTest {

    private static final String IP = "198.51.100.4";

    @Autowired
    AccountService accounts;

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
}
