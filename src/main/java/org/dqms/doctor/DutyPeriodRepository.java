package org.dqms.doctor;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stretches each doctor was on duty, kept for the doctors' utilisation. */
@Repository
class DutyPeriodRepository {

    // The partial unique index allows one open stretch: going on duty twice keeps the first.
    private static final String OPEN = """
            INSERT INTO dqms.doctor_duty_period (doctor_id, started_at)
            VALUES (:doctorId, :now)
            ON CONFLICT (doctor_id) WHERE ended_at IS NULL DO NOTHING
            """;

    private static final String CLOSE = """
            UPDATE dqms.doctor_duty_period
               SET ended_at = greatest(started_at, :now)
             WHERE doctor_id = :doctorId AND ended_at IS NULL
            """;

    private final JdbcClient jdbc;

    DutyPeriodRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens a stretch when the doctor goes on duty and ends it when they go on a break or off duty. */
    void record(long doctorId, DutyStatus status, Instant now) {
        JdbcClient.StatementSpec statement = status == DutyStatus.ON_DUTY ? jdbc.sql(OPEN) : jdbc.sql(CLOSE);
        statement.param("doctorId", doctorId).param("now", Timestamp.from(now)).update();
    }
}
