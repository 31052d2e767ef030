package org.dqms.database;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {

    private static final ServerSlots SERVER = new ServerSlots(100, 3, 0);
    private static final ConnectionBudget.Logins LAYOUT =
            new ConnectionBudget.Logins("dqms_app", "dqms_app", "dqms_migrator");
    private static final Map<String, Integer> LAYOUT_LIMITS = Map.of("dqms_app", 200, "dqms_migrator", 20);

    @Test
    void countsEveryInstancesPoolAndListenerPlusTheMigrator() {
        ConnectionBudget budget = ConnectionBudget.of(3, 10, SERVER, LAYOUT, LAYOUT_LIMITS);

        assertThat(budget.total()).isEqualTo(3 * (10 + 1) + 3);
        assertThat(budget.problems()).isEmpty();
        assertThat(budget.describe())
                .startsWith("Connection budget: 3 instance(s) x (10 pooled + 1 listener)")
                .endsWith("by role: dqms_app 33 of CONNECTION LIMIT 200, dqms_migrator 3 of CONNECTION LIMIT 20");
    }

    @Test
    void warnsWhenTheInstancesNeedMoreThanTheServerAllows() {
        ConnectionBudget budget = ConnectionBudget.of(9, 10, SERVER, LAYOUT, LAYOUT_LIMITS);

        assertThat(budget.describe()).contains("= 102 of 97");
        assertThat(budget.problems()).singleElement(as(STRING)).endsWith("or raise max_connections");
    }

    @Test
    void slotsReservedForPrivilegedRolesAreNotAvailable() {
        ConnectionBudget budget = ConnectionBudget.of(8, 10, new ServerSlots(100, 3, 10), LAYOUT, LAYOUT_LIMITS);

        assertThat(budget.problems())
                .singleElement(as(STRING))
                .startsWith("Connection budget: 91 connections do not fit in the 87 the server allows");
    }

    @Test
    void rolesWithoutLimitOrUnknownToTheServerNeverWarn() {
        ConnectionBudget budget =
                ConnectionBudget.of(50, 10, new ServerSlots(10_000, 3, 0), LAYOUT, Map.of("dqms_app", -1));

        assertThat(budget.problems()).isEmpty();
        assertThat(budget.describe()).endsWith("by role: dqms_app 550 (no CONNECTION LIMIT)");
    }

    @Test
    void aRoleNameThatNeedsQuotesIsQuotedInTheAdvice() {
        ConnectionBudget.Logins logins = new ConnectionBudget.Logins("Clinic App", "Clinic App", "dqms_migrator");
        ConnectionBudget budget = ConnectionBudget.of(1, 10, SERVER, logins, Map.of("Clinic App", 5));

        assertThat(budget.problems())
                .singleElement(as(STRING))
                .endsWith("ALTER ROLE \"Clinic App\" CONNECTION LIMIT 11");
    }
}
