package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.dqms.testing.Pgbench;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark's baseline, the pgbench scripts in {@code benchmark/src/main/resources/pgbench},
 * runs on the schema of this build and does what dqms does: a join numbers tokens within the daily
 * capacity, a doctor's cycles call an emergency, a priority and a normal patient in the order
 * dqms calls them (QueueOrder), each completing the patient the cycle before left in consultation,
 * and leave the history and audit lines dqms leaves, and a position
 * lookup finds the token by its link. Run with the real pgbench as the
 * benchmark runs it ({@code --protocol=prepared}); without pgbench on {@code PATH} (Debian:
 * postgresql) this test fails.
 */
class BenchmarkScriptsTest {

    private static final String WAITING_NUMBERS =
            "SELECT number FROM dqms.token WHERE department_id = :d AND status = 'WAITING' ORDER BY number";

    private static TestPostgres postgres;
    private static String database;
    private static DatabaseConnections connections;
    private static JdbcClient sql;

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeAll
    static void migrate() {
        postgres = TestPostgres.start();
        database = DatabaseFixtures.freshDatabase(postgres);
        connections = DatabaseFixtures.connections(postgres, database);
        new Migrations(connections, DatabaseFixtures.settings(null, null)).migrate();
        sql = JdbcClient.create(postgres.superuser(database));
    }

    @AfterAll
    static void stop() {
        connections.close();
        postgres.close();
    }

    @BeforeEach
    void emptyQueues() {
        sql.sql("TRUNCATE dqms.token, dqms.token_counter, dqms.token_history, dqms.audit_log CASCADE")
                .update();
    }

    @Test
    void joinNumbersTokensUpToTheDailyCapacity() throws Exception {
        long department = DatabaseFixtures.department(sql, "JN");

        String out = pgbench(
                "join.sql",
                4,
                Map.of("deptbase", Long.toString(department), "ndept", "1", "day", today.toString(), "capacity", "3"));

        assertThat(out).contains("number of transactions actually processed: 4");
        assertThat(sql.sql(WAITING_NUMBERS)
                        .param("d", department)
                        .query(Integer.class)
                        .list())
                .containsExactly(1, 2, 3);
        assertThat(sql.sql("SELECT count(*) FROM dqms.token_history WHERE to_status = 'WAITING'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aDoctorsCycleCallsInDqmsOrderAndLeavesItsTrail() throws Exception {
        long department = DatabaseFixtures.department(sql, "CN");
        long doctor = doctor(department);
        long normal = waiting(department, 1, "NORMAL", 10);
        long priority = waiting(department, 2, "PRIORITY", 5);
        long emergency = waiting(department, 3, "EMERGENCY", 1);

        String out = pgbench(
                "call-next.sql",
                3,
                Map.of(
                        "docbase", Long.toString(doctor),
                        "deptbase", Long.toString(department),
                        "ndept", "1"));

        assertThat(out).contains("number of transactions actually processed: 3");
        // Each cycle completes the patient the one before left in consultation.
        assertThat(sql.sql("""
                        SELECT id || ' ' || status FROM dqms.token
                         WHERE doctor_id = :doctor
                         ORDER BY called_at, id
                        """).param("doctor", doctor).query(String.class).list())
                .containsExactly(emergency + " COMPLETED", priority + " COMPLETED", normal + " IN_CONSULTATION");
        assertThat(sql.sql("SELECT to_status FROM dqms.token_history WHERE token_id = :t ORDER BY id")
                        .param("t", emergency)
                        .query(String.class)
                        .list())
                .containsExactly("CALLED", "IN_CONSULTATION", "COMPLETED");
        assertThat(sql.sql("SELECT action FROM dqms.audit_log WHERE target = :target ORDER BY id")
                        .param("target", "token:" + emergency)
                        .query(String.class)
                        .list())
                .containsExactly("TOKEN_CALLED", "TOKEN_STARTED", "TOKEN_COMPLETED");
    }

    @Test
    void aPositionLookupFindsTheTokenByItsLink() throws Exception {
        long department = DatabaseFixtures.department(sql, "PS");
        waiting(department, 1, "NORMAL", 2);
        waiting(department, 2, "NORMAL", 1);
        sql.sql("CREATE SCHEMA IF NOT EXISTS bench").update();
        sql.sql("CREATE TABLE IF NOT EXISTS bench.position_link (n int PRIMARY KEY, public_id uuid NOT NULL)")
                .update();
        sql.sql("TRUNCATE bench.position_link").update();
        sql.sql("""
                        INSERT INTO bench.position_link (n, public_id)
                        SELECT row_number() OVER (ORDER BY id), public_id FROM dqms.token
                        """).update();

        String out = pgbench("position.sql", 5, Map.of("count", "2"));

        // Each lookup stores the token's columns (\gset); a link that finds no token fails the run.
        assertThat(out).contains("number of transactions actually processed: 5");
        assertThat(out).contains("number of failed transactions: 0");
    }

    /** Runs {@code transactions} of the script on one client, as the benchmark runs it. */
    private String pgbench(String script, int transactions, Map<String, String> variables) throws Exception {
        return Pgbench.run(
                new Pgbench.Target("localhost", postgres.port(), "postgres", null, database),
                script,
                transactions,
                variables);
    }

    private long doctor(long department) {
        long doctor = sql.sql("""
                        INSERT INTO dqms.doctor (name, room, consultation_minutes, duty_status)
                        VALUES ('Benchmark doctor', 'B1', 10, 'ON_DUTY')
                        RETURNING id
                        """).query(Long.class).single();
        sql.sql("INSERT INTO dqms.doctor_department (doctor_id, department_id) VALUES (:doctor, :department)")
                .param("doctor", doctor)
                .param("department", department)
                .update();
        return doctor;
    }

    /** A WAITING token that joined {@code minutesAgo} minutes ago. */
    private long waiting(long department, int number, String priority, int minutesAgo) {
        return sql.sql("""
                        INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel,
                                                priority, status, joined_at)
                        VALUES (:department, :day, :number, 'Patient', :phone, 'WEB', :priority, 'WAITING',
                                now() - make_interval(mins => :minutes))
                        RETURNING id
                        """)
                .param("department", department)
                .param("day", today)
                .param("number", number)
                .param("phone", "+1555000" + String.format("%04d", number))
                .param("priority", priority)
                .param("minutes", minutesAgo)
                .query(Long.class)
                .single();
    }
}
