package org.dqms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dqms.analytics.AnalyticsRepository.Durations;
import org.dqms.analytics.DepartmentAnalytics.EstimateAccuracy;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An appointment checked in early joins at its booked time; a quiet queue may call it before then.
 * It waited no time, not a negative one, in every figure. Here the booked time is 10:00 UTC and the
 * call 09:50; a walk-in waits 20 minutes; a third token is never called.
 */
@IntegrationTest
class EarlyCallWaitsTest {

    private static final LocalDate DAY = LocalDate.parse("2026-03-02");
    private static final DateRange RANGE = new DateRange(DAY, DAY);

    // Test data only: the queue's own services cannot place a token at a chosen time in the past.
    // A called token here is seen for 10 minutes from its call.
    private static final String INSERT_TOKEN = """
            INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel, priority,
                                    status, doctor_id, joined_at, called_at, started_at, completed_at, ended_at)
            SELECT :department, :day, :number, 'Patient', :phone, :channel, 'NORMAL',
                   CASE WHEN called IS NULL THEN 'WAITING' ELSE 'COMPLETED' END, :doctor, :joined, called, called,
                   called + interval '10 minutes', called + interval '10 minutes'
              FROM (SELECT CAST(:called AS timestamptz) AS called) AS call
            RETURNING id
            """;

    @Autowired
    ApplicationContext context;

    @Autowired
    AnalyticsRepository analytics;

    @Autowired
    JdbcClient jdbc;

    private Department department;
    private Doctor doctor;
    private WrittenTokens tokens;

    @BeforeEach
    void anEarlyAppointmentAWalkInAndATokenNeverCalled() {
        Hospital hospital = new Hospital(context);
        department = hospital.department();
        doctor = hospital.doctor(department);
        tokens = new WrittenTokens(jdbc);
        long early = token(1, "APPOINTMENT", "2026-03-02T10:00:00Z", "2026-03-02T09:50:00Z");
        long walkIn = token(2, "WEB", "2026-03-02T09:00:00Z", "2026-03-02T09:20:00Z");
        token(3, "WEB", "2026-03-02T09:30:00Z", null);
        tokens.quote(early, 0, 10);
        tokens.quote(walkIn, 20, 30);
    }

    @AfterEach
    void removeTokens() {
        tokens.remove();
    }

    @Test
    void waitsCountAnEarlyCallAsNoWait() {
        Durations durations = analytics.durations(department.id(), null, RANGE);

        // 0 and 20 minutes; before, -10 and 20 gave a mean and median of 5.
        assertThat(durations.waits().mean()).isEqualByComparingTo("10.0");
        assertThat(durations.waits().median()).isEqualByComparingTo("10.0");
        assertThat(durations.waits().p90()).isEqualByComparingTo("18.0");
        assertThat(durations.withinTargetShare()).isEqualByComparingTo("1.000");
    }

    @Test
    void estimateAccuracyComparesTheQuoteWithNoWait() {
        EstimateAccuracy accuracy = analytics.estimateAccuracy(department.id(), null, RANGE);

        assertThat(accuracy.meanAbsoluteErrorMinutes()).isEqualByComparingTo("0.0");
        assertThat(accuracy.withinRangeShare()).isEqualByComparingTo("1.000");
    }

    @Test
    void theCsvExportsShowNoWaitForTheEarlyCall() {
        Map<Integer, BigDecimal> waits = new TreeMap<>();
        analytics.eachToken(department.id(), null, RANGE, row -> waits.put(row.number(), row.waitMinutes()));
        List<List<Object>> days = new ArrayList<>();
        analytics.eachDay(department.id(), null, RANGE, days::add);

        assertThat(waits.get(1)).isEqualByComparingTo("0.0");
        assertThat(waits.get(2)).isEqualByComparingTo("20.0");
        assertThat(waits.get(3)).isNull();
        // service_date, issued, completed, no_show, cancelled, expired, transferred, then the wait's
        // mean, median and p90.
        assertThat(days).hasSize(1);
        assertThat(days.get(0).subList(7, 10))
                .extracting(cell -> ((BigDecimal) cell).toPlainString())
                .containsExactly("10.0", "10.0", "18.0");
    }

    /** A token joined at {@code joined}, and called and completed if {@code called} is not null. */
    private long token(int number, String channel, String joined, String called) {
        long id = jdbc.sql(INSERT_TOKEN)
                .param("department", department.id())
                .param("day", DAY)
                .param("number", number)
                .param("phone", "+9197" + String.format("%08d", department.id() * 100 + number))
                .param("channel", channel)
                .param("doctor", called == null ? null : doctor.id(), Types.BIGINT)
                .param("joined", Timestamp.from(Instant.parse(joined)))
                .param("called", called == null ? null : Timestamp.from(Instant.parse(called)), Types.TIMESTAMP)
                .query(Long.class)
                .single();
        return tokens.written(id);
    }
}
