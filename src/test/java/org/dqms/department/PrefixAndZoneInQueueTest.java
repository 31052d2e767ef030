package org.dqms.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dqms.platform.ConflictException;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A department's prefix and time zone stay as they are while patients are in its queue: their
 * tickets show the prefix, and the zone decides the day their numbers count in.
 */
@IntegrationTest
class PrefixAndZoneInQueueTest {

    @Autowired
    DepartmentService departments;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private HeldTransactions held;
    private final List<Long> created = new ArrayList<>();

    @BeforeEach
    void hold() {
        held = new HeldTransactions(transactions);
    }

    @AfterEach
    void cleanUp() throws Exception {
        held.close();
        TestDepartments.deleteWithTokens(jdbc, created);
    }

    @Test
    void prefixAndTimeZoneAreRefusedWhileAPatientWaitsAndOtherDetailsChange() {
        Department department = department();
        long token = token(department, "WAITING");

        assertThatExceptionOfType(ConflictException.class)
                .isThrownBy(() -> update(department, TestDepartments.uniquePrefix(), department.timeZone()))
                .satisfies(e -> assertThat(e.properties())
                        .containsEntry("field", "prefix")
                        .containsEntry("inQueue", 1L));
        assertThatExceptionOfType(ConflictException.class)
                .isThrownBy(() -> update(department, department.prefix().value(), ZoneId.of("Europe/Berlin")))
                .satisfies(e -> assertThat(e.properties()).containsEntry("field", "timeZone"));
        Department renamed = departments.update(
                TestDepartments.ADMIN,
                department.id(),
                new DepartmentDetails(
                        "Renamed " + department.prefix(), department.prefix(), department.timeZone(), 50, 15));

        assertThat(renamed.prefix()).isEqualTo(department.prefix());
        assertThat(renamed.timeZone()).isEqualTo(department.timeZone());
        assertThat(renamed.dailyCapacity()).isEqualTo(50);

        jdbc.sql("UPDATE dqms.token SET status = 'COMPLETED' WHERE id = :id")
                .param("id", token)
                .update();
        String prefix = TestDepartments.uniquePrefix();
        assertThat(update(department, prefix, department.timeZone()).prefix().value())
                .isEqualTo(prefix);
    }

    @Test
    void aPrefixChangeWaitsForAJoinInFlightAndIsThenRefused() throws Exception {
        Department department = department();
        held.holdToCommit(() -> token(department, "WAITING"));

        Future<Department> change =
                held.submit(() -> update(department, TestDepartments.uniquePrefix(), department.timeZone()));

        assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> change.get(1, TimeUnit.SECONDS));
        held.release();
        assertThatExceptionOfType(ExecutionException.class)
                .isThrownBy(() -> change.get(10, TimeUnit.SECONDS))
                .withCauseInstanceOf(ConflictException.class);
        assertThat(departments.get(department.id()).prefix()).isEqualTo(department.prefix());
    }

    private Department department() {
        Department department = TestDepartments.create(departments, "Queue");
        created.add(department.id());
        return department;
    }

    private Department update(Department department, String prefix, ZoneId zone) {
        return departments.update(
                TestDepartments.ADMIN,
                department.id(),
                new DepartmentDetails(
                        department.name(),
                        new DepartmentPrefix(prefix),
                        zone,
                        department.dailyCapacity(),
                        department.targetWaitMinutes()));
    }

    /** A token as a join writes it, in the given status. */
    private long token(Department department, String status) {
        return jdbc.sql("""
                        INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel,
                                                priority, status, joined_at)
                        VALUES (:id, current_date, 1, 'Test Patient', '+919800000003', 'WEB', 'NORMAL', :status, now())
                        RETURNING id
                        """)
                .param("id", department.id())
                .param("status", status)
                .query(Long.class)
                .single();
    }
}
