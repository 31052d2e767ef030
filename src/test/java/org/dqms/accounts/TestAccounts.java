package org.dqms.accounts;

import java.util.UUID;
import org.dqms.platform.Actor;

/** Unique emails and a password the policy accepts, for tests that share a database. */
final class TestAccounts {

    static final Actor ADMIN = Actor.staff("test-admin");
    static final String PASSWORD = "violet-tractor-minus-lagoon";

    private TestAccounts() {}

    static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@hospital.example";
    }
}
