package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.Pgbench;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark's pgbench call-next script calls patients in the order dqms calls them. Two
 * departments get the same waiting patients (priorities; arrival times relative to each side's
 * clock, some of them overdue; some waiting for the doctor, some for a colleague); pgbench's script runs a doctor's cycles in one, dqms' services (call
 * next with the consultation before it completed, then start) in the other, and both must call the same numbers in the same order, the priority streak included.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class BenchmarkClaimOrderTest {

    private static final int PATIENTS = 12;
    private static final int[] RECENT_MINUTES = {3, 8, 15, 25};
    private static final int[] OVERDUE_MINUTES = {90, 120, 180};

    private static final String INSERT_WAITING = """
            INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel,
                                    priority, preferred_doctor_id, status, joined_at)
            VALUES (:department, :day, :number, 'Patient', :phone, 'WEB', :priority, CAST(:preferred AS bigint),
                    'WAITING', coalesce(CAST(:since AS timestamptz), now()) - make_interval(mins => :minutes))
            """;

    private static final String CALLED_NUMBERS = """
            SELECT t.number FROM dqms.token t
             WHERE t.department_id = :department AND t.status IN ('IN_CONSULTATION', 'COMPLETED')
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

    /** A department, the doctor whose cycles run there, and a colleague some patients wait for. */
    private record Side(Department department, Doctor doctor, Doctor colleague, Timestamp since) {}

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void pgbenchsScriptCallsInDqmsOrder(long seed) throws Exception {
        // pgbench's script counts overdue from the database's now(), dqms from its clock.
        Side pgbench = side(null);
        Side dqms = side(Timestamp.from(QueueTestData.START));
        Random random = new Random(seed);
        int forTheDoctor = 0;
        for (int number = 1; number <= PATIENTS; number++) {
            String priority = priority(random);
            int minutes = random.nextBoolean()
                    ? RECENT_MINUTES[random.nextInt(RECENT_MINUTES.length)]
                    : OVERDUE_MINUTES[random.nextInt(OVERDUE_MINUTES.length)];
            int preference = random.nextInt(10);
            forTheDoctor += preference < 8 ? 1 : 0;
            waiting(pgbench, number, priority, preference, minutes);
            waiting(dqms, number, priority, preference, minutes);
        }

        pgbench(forTheDoctor, pgbench.doctor(), pgbench.department());
        Actor doctor = Actor.staff("doctor-" + dqms.doctor().id());
        for (int i = 0; i < forTheDoctor; i++) {
            Optional<Token> called =
                    calls.completeAndCallNext(doctor, dqms.doctor().id(), null);
            assertThat(called).isPresent();
            actions.start(doctor, called.get().id(), anyToken -> {});
        }
        assertThat(calls.completeAndCallNext(doctor, dqms.doctor().id(), null)).isEmpty();

        List<Integer> dqmsOrder = called(dqms.department());
        assertThat(dqmsOrder).hasSize(forTheDoctor);
        assertThat(called(pgbench.department())).isEqualTo(dqmsOrder);
    }

    private Side side(Timestamp since) {
        Department department = data.department().create();
        return new Side(department, data.doctor(department), data.doctor(department), since);
    }

    private static String priority(Random random) {
        int draw = random.nextInt(10);
        return draw == 0 ? "EMERGENCY" : draw < 5 ? "PRIORITY" : "NORMAL";
    }

    /** Preference 0-6: any doctor; 7: the side's doctor; 8-9: the colleague. */
    private void waiting(Side side, int number, String priority, int preference, int minutes) {
        Long preferred = preference < 7
                ? null
                : preference == 7 ? side.doctor().id() : side.colleague().id();
        jdbc.sql(INSERT_WAITING)
                .param("department", side.department().id())
                .param("day", LocalDate.now(ZoneOffset.UTC))
                .param("number", number)
                .param("phone", String.format("+1555%04d%04d", side.department().id() % 10_000, number))
                .param("priority", priority)
                .param("preferred", preferred)
                .param("since", side.since())
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
        Pgbench.run(
                new Pgbench.Target(
                        url.getHost(),
                        url.getPort(),
                        pool.getUsername(),
                        pool.getPassword(),
                        url.getPath().substring(1)),
                "call-next.sql",
                cycles,
                Map.of(
                        "docbase", Long.toString(doctor.id()),
                        "deptbase", Long.toString(department.id()),
                        "ndept", "1"));
    }
}
