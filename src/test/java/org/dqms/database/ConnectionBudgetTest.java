package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {

    @Test
    void countsEveryInstancesPoolAndListenerPlusTheMigrator() {
        ConnectionBudget budget = new ConnectionBudget(3, 10, 100, 3);

        assertThat(budget.total()).isEqualTo(3 * (10 + 1) + 3);
        assertThat(budget.fits()).isTrue();
        assertThat(budget.describe()).startsWith("Connection budget: 3 instance(s) x (10 pooled + 1 listener)");
    }

    @Test
    void warnsWhenTheInstancesNeedMoreThanTheServerAllows() {
        ConnectionBudget budget = new ConnectionBudget(9, 10, 100, 3);

        assertThat(budget.fits()).isFalse();
        assertThat(budget.describe()).contains("= 102 of 97").endsWith("or raise max_connections");
    }
}
