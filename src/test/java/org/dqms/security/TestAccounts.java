package org.dqms.security;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.UserAccount;
import org.dqms.platform.Actor;
import org.dqms.testing.SignInFailureRows;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Patient accounts made through the accounts module, and removed again with their sessions. */
final class TestAccounts {

    static final String PASSWORD = "Quiet-Harbour-Lantern-93";

    private final AccountService accounts;
    private final JdbcClient jdbc;
    private final List<UserAccount> created = new ArrayList<>();
    private final List<String> emails = new ArrayList<>();

    TestAccounts(AccountService accounts, JdbcClient jdbc) {
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    UserAccount patient() {
        String email = uniqueEmail();
        UserAccount account = accounts.signUpPatient(Actor.SYSTEM, "Test Patient", "+919800000001", email, PASSWORD);
        created.add(account);
        emails.add(email);
        return account;
    }

    /** An email no account has; its failed sign-ins are forgotten at clean-up too. */
    String uniqueEmail() {
        String email = "patient-" + UUID.randomUUID() + "@example.org";
        emails.add(email);
        return email;
    }

    void forget(long accountId) {
        jdbc.sql("DELETE FROM dqms.app_user WHERE id = :id")
                .param("id", accountId)
                .update();
    }

    /** Deletes the accounts (their refresh tokens go with them) and the failed sign-ins counted. */
    void cleanUp() {
        for (UserAccount account : created) {
            forget(account.id());
        }
        for (String email : emails) {
            SignInFailureRows.forget(jdbc, email);
        }
        created.clear();
        emails.clear();
    }
}
