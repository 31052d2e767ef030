package org.dqms.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How long the 30-day dashboard of one department takes with 1 million tokens over 90 days in the
 * database. A measurement, not a test: it asserts nothing and is left out of {@code verify}. Run it
 * with {@code ./mvnw verify -Dtest=AnalyticsBenchmark -Dgroups=benchmark -Dsurefire.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}; it prints the figures.
 */
@Tag("benchmark")
@IntegrationTest
class AnalyticsBenchmark {

    private static final int TOKENS = 1_000_000;
    private static final int DAYS = 90;
    private static final int DEPARTMENTS = 10;

    @Autowired
    ApplicationContext context;

    @Autowired
    AnalyticsService analytics;

    @Autowired
    JdbcClient jdbc;

    @Test
    void thirtyDayDashboardWithAMillionTokens() {
        Hospital hospital = new Hospital(context);
        List<Department> departments = new ArrayList<>();
        for (int i = 0; i < DEPARTMENTS; i++) {
            departments.add(hospital.department());
        }
        long doctor = hospital.doctor(departments.get(0)).id();
        LocalDate last = LocalDate.of(2030, 3, 31);
        long started = System.nanoTime();
        for (Department department : departments) {
            // Per day and department: TOKENS / DAYS / DEPARTMENTS tokens, mostly completed, with
            // waits and consultations spread over the day.
            jdbc.sql("""
                            INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel,
                                                    priority, status, doctor_id, joined_at, called_at, started_at,
                                                    completed_at, ended_at)
                            SELECT :department, d::date, n, 'Bench', '+9199' || lpad((n % 100000000)::text, 8, '0'),
                                   (ARRAY['WEB', 'RECEPTION', 'KIOSK'])[1 + n % 3], 'NORMAL',
                                   CASE WHEN n % 20 = 0 THEN 'NO_SHOW' ELSE 'COMPLETED' END, :doctor,
                                   j, j + make_interval(mins => 5 + n % 50), j + make_interval(mins => 6 + n % 50),
                                   j + make_interval(mins => 14 + n % 50 + n % 9), j + make_interval(mins => 14 + n % 50 + n % 9)
                              FROM generate_series(CAST(:first AS date), CAST(:last AS date), interval '1 day') AS d,
                                   generate_series(1, :perDay) AS n,
                                   LATERAL (SELECT d + time '03:30' + make_interval(secs => n * 30) AS j) AS joined
                            """)
                    .param("department", department.id())
                    .param("doctor", doctor)
                    .param("first", last.minusDays(DAYS - 1))
                    .param("last", last)
                    .param("perDay", TOKENS / DAYS / DEPARTMENTS)
                    .update();
        }
        jdbc.sql("ANALYZE dqms.token").update();
        long loaded = System.nanoTime();
        DateRange month = new DateRange(last.minusDays(29), last);
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < 7; run++) {
            long start = System.nanoTime();
            analytics.department(departments.get(run % DEPARTMENTS).id(), null, month);
            millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        List<Long> measured = new ArrayList<>(millis.subList(2, millis.size()));
        Collections.sort(measured);
        System.out.printf(
                "analytics benchmark: %,d tokens loaded in %d s; 30-day dashboard of one department: median %d ms,"
                        + " max %d ms (runs %s)%n",
                jdbc.sql("SELECT count(*) FROM dqms.token").query(Long.class).single(),
                Duration.ofNanos(loaded - started).toSeconds(),
                measured.get(measured.size() / 2),
                measured.get(measured.size() - 1),
                millis);
    }
}
