package org.dqms.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.department.TestDepartments;
import org.dqms.platform.ConflictException;
import org.dqms.testing.AllAtOnce;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A reception account keeps a department however its departments are deleted and edited at once:
 * the second of two deletes that would each take its last one waits for the first and is refused.
 */
@IntegrationTest
class ReceptionDepartmentsRaceTest {

    private static final String REFUSED = "Department has reception accounts";

    @Autowired
    DepartmentService departments;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private HeldTransactions held;
    private final List<Long> createdDepartments = new ArrayList<>();
    private final List<Long> createdAccounts = new ArrayList<>();

    @BeforeEach
    void hold() {
        held = new HeldTransactions(transactions);
    }

    @AfterEach
    void cleanUp() throws Exception {
        held.close();
        jdbc.sql("DELETE FROM dqms.app_user WHERE id IN (:ids)")
                .param("ids", createdAccounts)
                .update();
        jdbc.sql("DELETE FROM dqms.department WHERE id IN (:ids)")
                .param("ids", createdDepartments)
                .update();
    }

    @Test
    void aDeleteOfTheAccountsOtherDepartmentWaitsForTheFirstAndIsRefused() throws Exception {
        Department first = department();
        Department second = department();
        UserAccount desk = receptionIn(first, second);
        assertThat(held.holdToCommit(() -> delete(first))).isEqualTo("deleted");

        Future<String> other = held.submit(() -> delete(second));

        assertThatExceptionOfType(TimeoutException.class)
                .as("the second delete waits while the first holds the account")
                .isThrownBy(() -> other.get(1, TimeUnit.SECONDS));
        held.release();
        assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(REFUSED + " " + List.of(desk.id()));
        assertThat(departmentsOf(desk)).containsExactly(second.id());
    }

    @Test
    void anEditThatKeepsADepartmentBeingDeletedDoesNotDeadlockWithIt() throws Exception {
        Department deleted = department();
        Department kept = department();
        UserAccount desk = receptionIn(deleted, kept);
        Set<Long> both = Set.of(deleted.id(), kept.id());
        held.holdToCommit(() -> accounts.changeRole(TestAccounts.ADMIN, desk.id(), Role.RECEPTION, both, null));

        Future<String> delete = held.submit(() -> delete(deleted));

        assertThatExceptionOfType(TimeoutException.class)
                .as("the delete waits while the edit holds the account")
                .isThrownBy(() -> delete.get(1, TimeUnit.SECONDS));
        held.release();
        assertThat(delete.get(10, TimeUnit.SECONDS)).isEqualTo("deleted");
        assertThat(departmentsOf(desk)).containsExactly(kept.id());
    }

    @Test
    void deletesOfAllTheDepartmentsOfAccountsAtOnceLeaveThemOne() throws Exception {
        List<Department> all = List.of(department(), department(), department(), department());
        Department[] each = all.toArray(Department[]::new);
        List<Long> shared = Stream.of(receptionIn(each), receptionIn(each))
                .map(UserAccount::id)
                .sorted()
                .toList();
        Map<Department, String> outcomes = AllAtOnce.run(all, this::delete);

        assertThat(outcomes.values())
                .as("no deadlock; all deletes but one go through")
                .containsExactlyInAnyOrder("deleted", "deleted", "deleted", REFUSED + " " + shared);
        long remaining = outcomes.entrySet().stream()
                .filter(outcome -> !outcome.getValue().equals("deleted"))
                .mapToLong(outcome -> outcome.getKey().id())
                .sum();
        for (long account : shared) {
            assertThat(accounts.find(account).orElseThrow().departmentIds()).containsExactly(remaining);
        }
    }

    /** "deleted", or the title of the refusal and the accounts it names. */
    private String delete(Department department) {
        try {
            departments.delete(TestDepartments.ADMIN, department.id());
            return "deleted";
        } catch (ConflictException e) {
            return e.title() + " " + e.properties().get("accountIds");
        }
    }

    private Set<Long> departmentsOf(UserAccount account) {
        return accounts.find(account.id()).orElseThrow().departmentIds();
    }

    private Department department() {
        Department department = TestDepartments.create(departments, "Front desk");
        createdDepartments.add(department.id());
        return department;
    }

    private UserAccount receptionIn(Department... departmentsOf) {
        UserAccount account = accounts.createStaff(
                TestAccounts.ADMIN,
                TestAccounts.uniqueEmail("reception"),
                "Desk Reception",
                Role.RECEPTION,
                Stream.of(departmentsOf).map(Department::id).collect(Collectors.toSet()),
                null,
                TestAccounts.PASSWORD);
        createdAccounts.add(account.id());
        return account;
    }
}
