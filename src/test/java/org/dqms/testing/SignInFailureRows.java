package org.dqms.testing;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Test clean-up of the failed sign-ins counted for an email. */
public final class SignInFailureRows {

    private SignInFailureRows() {}

    /** Deletes the email's counter, keyed as {@code SignInFailures} keys it. */
    public static void forget(JdbcClient jdbc, String email) {
        jdbc.sql("DELETE FROM dqms.sign_in_failure WHERE email_hash = sha256(convert_to(lower(:email), 'UTF8'))")
                .param("email", email.strip())
                .update();
    }
}
