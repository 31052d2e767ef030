package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark's pgbench call-next script calls patients in the order dqms calls them. Two
 * departments get the same waiting patients (priorities, and arrival times relative to each side's
 * clock, some of them overdue); pgbench's script runs a doctor's cycles in one, dqms' services (call
 * next, start, complete) in the other, and both must call the same numbers in the same order, the priority streak included.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class BenchmarkClaimOrderTest {

    private static final Path SCRIPT = Path.of("benchmark", "src", "main", "resources", "pgbench", "call-next.sql");
    private static final int PATIENTS = 9;
    private static final int[] RECENT_MINUTES = {3, 8, 15, 25};
    private static final int[] OVERDUE_MINUTES = {90, 120, 180};

    private static final String INSERT_WAITING = """
            INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel,
                                    priority, status, joined_at)
            VALUES (:department, :day, :number, 'Patient', :phone, 'WEB', :priority, 'WAITING',
                    coalesce(CAST(:since AS timestamptz), now()) - make_interval(mins => :minutes))
            """;

    private static final String CALLED_NUMBERS = """
            SELECT t.number FROM dqms.token t
             WHERE t.department_id = :department AND t.status = 'COMPLETED'
             ORDER BY (SELECT h.id FROM dqms.token_history h WHERE h.token_id = t.id AND h.to_status = 'CALLED')
            """;

    @Autowired
    QueueTestData data;

    @Autowired
    CallService calls;

    @Autowired
    TokenActionService actions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void pgbenchsScriptCallsInDqmsOrder(long seed) throws Exception {
        Department byPgbench = data.department().create();
        Department byDqms = data.department().create();
        Doctor pgbenchDoctor = data.doctor(byPgbench);
        Doctor dqmsDoctor = data.doctor(byDqms);
        Random random = new Random(seed);
        for (int number = 1; number <= PATIENTS; number++) {
            String priority = priority(random);
            int minutes = random.nextBoolean()
                    ? RECENT_MINUTES[random.nextInt(RECENT_MINUTES.length)]
                    : OVERDUE_MINUTES[random.nextInt(OVERDUE_MINUTES.length)];
            // pgbench's script counts overdue from the database's now(), dqms from its clock.
            waiting(byPgbench, number, priority, minutes, null);
            waiting(byDqms, number, priority, minutes, Timestamp.from(QueueTestData.START));
        }

        pgbench(PATIENTS, pgbenchDoctor, byPgbench);
        Actor doctor = Actor.staff("doctor-" + dqmsDoctor.id());
        for (int i = 0; i < PATIENTS; i++) {
            Optional<Token> called = calls.callNext(doctor, dqmsDoctor.id());
            assertThat(called).isPresent();
            actions.start(doctor, called.get().id(), anyToken -> {});
            actions.complete(doctor, called.get().id(), null, anyToken -> {});
        }

        List<Integer> dqmsOrder = called(byDqms);
        assertThat(dqmsOrder).hasSize(PATIENTS);
        assertThat(called(byPgbench)).isEqualTo(dqmsOrder);
    }

    private static String priority(Random random) {
        int draw = random.nextInt(10);
        return draw == 0 ? "EMERGENCY" : draw < 5 ? "PRIORITY" : "NORMAL";
    }

    private void waiting(Department department, int number, String priority, int minutes, Timestamp since) {
        jdbc.sql(INSERT_WAITING)
                .param("department", department.id())
                .param("day", LocalDate.now(ZoneOffset.UTC))
                .param("number", number)
                .param("phone", String.format("+1555%04d%04d", department.id() % 10_000, number))
                .param("priority", priority)
                .param("since", since)
                .param("minutes", minutes)
                .update();
    }

    private List<Integer> called(Department department) {
        return jdbc.sql(CALLED_NUMBERS)
                .param("department", department.id())
                .query(Integer.class)
                .list();
    }

    /** {@code cycles} of the script for one doctor, as the benchmark runs it, on dqms' own database. */
    private void pgbench(int cycles, Doctor doctor, Department department) throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        URI url = URI.create(pool.getJdbcUrl().substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(
                "pgbench",
                "--no-vacuum",
                "--protocol=prepared",
                "--client=1",
                "--transactions=" + cycles,
                "--file=" + SCRIPT,
                "--host=" + url.getHost(),
                "--port=" + url.getPort(),
                "--username=" + pool.getUsername(),
                "--define=docbase=" + doctor.id(),
                "--define=deptbase=" + department.id(),
                "--define=ndept=1",
                url.getPath().substring(1)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", pool.getPassword());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("pgbench is not on PATH (Debian: apt-get install postgresql)", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS))
                .isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("number of transactions actually processed: " + cycles);
    }
}
