package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The benchmark's correctness checks ({@code benchmark/src/main/resources/correctness}), which
 * decide whether a run under load passes, find each fault they look for on the schema of this
 * build, and nothing on a clean day. Faults that a constraint of the schema already rules out (a
 * number taken twice, a doctor with two patients) are planted with that constraint dropped, in a
 * transaction that is rolled back: the checks are the benchmark's second line, and must not lean on
 * the first.
 */
class BenchmarkCorrectnessChecksTest {

    private static final Path CHECKS = Path.of("benchmark", "src", "main", "resources", "correctness");
    private static final LocalDate DAY = LocalDate.of(2030, 1, 15);

    private static TestPostgres postgres;
    private static DatabaseConnections connections;
    private static DataSource superuser;
    private static JdbcClient sql;

    private long clean;
    private long faulty;
    private long doctor;
    private int phones;

    @BeforeAll
    static void migrate() {
        postgres = TestPostgres.start();
        String database = DatabaseFixtures.freshDatabase(postgres);
        connections = DatabaseFixtures.connections(postgres, database);
        new Migrations(connections, DatabaseFixtures.settings(null, null)).migrate();
        superuser = postgres.superuser(database);
        sql = JdbcClient.create(superuser);
    }

    @AfterAll
    static void stop() {
        connections.close();
        postgres.close();
    }

    /** Two departments: one whose day is numbered 1, 2, 3 and stays clean, one for the fault. */
    @BeforeEach
    void departments() {
        sql.sql("TRUNCATE dqms.token, dqms.token_counter, dqms.token_history, dqms.department, dqms.doctor CASCADE")
                .update();
        clean = DatabaseFixtures.department(sql, "CL");
        faulty = DatabaseFixtures.department(sql, "FT");
        doctor = sql.sql("""
                        INSERT INTO dqms.doctor (name, room, consultation_minutes, duty_status)
                        VALUES ('Checked doctor', 'C1', 10, 'ON_DUTY')
                        RETURNING id
                        """).query(Long.class).single();
        for (int number = 1; number <= 3; number++) {
            token(clean, number, "WAITING");
        }
        counter(clean, DAY, 3);
    }

    @Test
    void aCleanDayPassesEveryCheck() {
        long called = token(faulty, 1, "CALLED");
        history(called, "CALLED");
        long seen = token(faulty, 2, "COMPLETED");
        history(seen, "CALLED");
        history(seen, "IN_CONSULTATION");
        history(seen, "COMPLETED");
        counter(faulty, DAY, 2);
        // A counter row that has issued nothing yet is a clean day too.
        counter(faulty, DAY.plusDays(1), 0);

        assertThat(number("tokens-called-twice.sql")).isZero();
        assertThat(number("doctors-with-two-patients.sql")).isZero();
        assertThat(gaps()).isEmpty();
    }

    @Test
    void aTokenCalledTwiceIsFound() {
        long once = token(faulty, 1, "COMPLETED");
        history(once, "CALLED");
        long twice = token(faulty, 2, "CALLED");
        history(twice, "CALLED");
        history(twice, "WAITING");
        history(twice, "CALLED");
        counter(faulty, DAY, 2);

        assertThat(number("tokens-called-twice.sql")).isEqualTo(1);
    }

    @Test
    void aDoctorHoldingTwoPatientsIsFound() {
        withoutConstraint("DROP INDEX dqms.token_one_active_per_doctor", () -> {
            token(faulty, 1, "CALLED");
            token(faulty, 2, "IN_CONSULTATION");
            counter(faulty, DAY, 2);

            assertThat(number("doctors-with-two-patients.sql")).isEqualTo(1);
        });
    }

    @Test
    void aMissingNumberIsFound() {
        assertOnlyTheFaultyDayIsFound(() -> {
            token(faulty, 1, "WAITING");
            token(faulty, 3, "WAITING");
            counter(faulty, DAY, 3);
        });
    }

    @Test
    void numbersThatDoNotStartAtOneAreFound() {
        assertOnlyTheFaultyDayIsFound(() -> {
            token(faulty, 2, "WAITING");
            token(faulty, 3, "WAITING");
            counter(faulty, DAY, 2);
        });
    }

    @Test
    void aCounterAheadOfTheTokensIsFound() {
        assertOnlyTheFaultyDayIsFound(() -> {
            token(faulty, 1, "WAITING");
            token(faulty, 2, "WAITING");
            counter(faulty, DAY, 3);
        });
    }

    @Test
    void aCounterBehindTheTokensIsFound() {
        assertOnlyTheFaultyDayIsFound(() -> {
            token(faulty, 1, "WAITING");
            token(faulty, 2, "WAITING");
            counter(faulty, DAY, 1);
        });
    }

    @Test
    void aCounterWhoseNumbersNoTokenHoldsIsFound() {
        assertOnlyTheFaultyDayIsFound(() -> counter(faulty, DAY, 2));
    }

    @Test
    void tokensWithoutACounterAreFound() {
        assertOnlyTheFaultyDayIsFound(() -> {
            token(faulty, 1, "WAITING");
            token(faulty, 2, "WAITING");
        });
    }

    @Test
    void aNumberTakenTwiceIsFound() {
        withoutConstraint("ALTER TABLE dqms.token DROP CONSTRAINT token_number_unique", () -> {
            token(faulty, 1, "WAITING");
            token(faulty, 1, "WAITING");
            token(faulty, 2, "WAITING");
            counter(faulty, DAY, 3);

            assertThat(gaps()).singleElement().satisfies(gap -> {
                assertThat(gap.department()).isEqualTo(faulty);
                assertThat(gap.tokens()).isEqualTo(3);
                assertThat(gap.numbers()).isEqualTo(2);
            });
        });
    }

    private void assertOnlyTheFaultyDayIsFound(Runnable plant) {
        plant.run();

        assertThat(gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.department()).isEqualTo(faulty);
            assertThat(gap.day()).isEqualTo(DAY);
        });
    }

    /** Plants a fault the schema forbids: drops the constraint, and rolls it all back afterwards. */
    private static void withoutConstraint(String drop, Runnable plantAndCheck) {
        new TransactionTemplate(new DataSourceTransactionManager(superuser)).executeWithoutResult(status -> {
            sql.sql(drop).update();
            plantAndCheck.run();
            status.setRollbackOnly();
        });
    }

    /** A row of {@code number-gaps.sql}. */
    private record Gap(long department, LocalDate day, int tokens, int numbers) {}

    private static List<Gap> gaps() {
        return sql.sql(check("number-gaps.sql"))
                .query((rows, n) -> new Gap(
                        rows.getLong("department_id"),
                        rows.getObject("service_date", LocalDate.class),
                        rows.getInt("tokens"),
                        rows.getInt("numbers")))
                .list();
    }

    private static long number(String check) {
        return sql.sql(check(check)).query(Long.class).single();
    }

    private static String check(String name) {
        try {
            return Files.readString(CHECKS.resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException("the benchmark's check " + name + " cannot be read", e);
        }
    }

    private static void counter(long department, LocalDate day, int lastNumber) {
        sql.sql("""
                        INSERT INTO dqms.token_counter (department_id, service_date, last_number)
                        VALUES (:department, :day, :last)
                        """)
                .param("department", department)
                .param("day", day)
                .param("last", lastNumber)
                .update();
    }

    /** A token of {@link #DAY}; called or in consultation, it is the doctor's. */
    private long token(long department, int number, String status) {
        boolean withDoctor = List.of("CALLED", "IN_CONSULTATION", "COMPLETED").contains(status);
        return sql.sql("""
                        INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel,
                                                priority, status, doctor_id, joined_at)
                        VALUES (:department, :day, :number, 'Patient', :phone, 'WEB', 'NORMAL', :status, :doctor,
                                now())
                        RETURNING id
                        """)
                .param("department", department)
                .param("day", DAY)
                .param("number", number)
                .param("phone", "+1555%07d".formatted(++phones))
                .param("status", status)
                .param("doctor", withDoctor ? doctor : null)
                .query(Long.class)
                .single();
    }

    private static void history(long token, String toStatus) {
        sql.sql("""
                        INSERT INTO dqms.token_history (token_id, to_status, actor, at)
                        VALUES (:token, :to, 'check', now())
                        """).param("token", token).param("to", toStatus).update();
    }
}
