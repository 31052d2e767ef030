package org.dqms.accounts;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer to a sign-in attempt. {@link Refused} is the same for an unknown email and a wrong
 * password, and {@link LockedOut} comes for any email after too many failures, so the answer never
 * tells whether an account exists.
 */
public sealed interface SignInResult {

    /** The email and password matched an enabled account. */
    record SignedIn(UserAccount account) implements SignInResult {
        public SignedIn {
            Objects.requireNonNull(account, "account");
        }
    }

    /** Wrong email or password, or a disabled account. */
    record Refused() implements SignInResult {}

    /** Too many failures for this email; the next attempt may come after {@code retryAfter}. */
    record LockedOut(Duration retryAfter) implements SignInResult {
        public LockedOut {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
