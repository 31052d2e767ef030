package org.dqms.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the reception desk reads beyond the queue order: the patients' names of a department's
 * active tokens and, for those at a doctor, the room. Names stay on staff screens; the public board
 * and its stream never carry them.
 */
@Repository
class ReceptionRepository {

    private static final String ACTIVE = """
            SELECT t.id, t.number, t.patient_name, t.status, t.called_at, d.name AS doctor_name, d.room
              FROM dqms.token t
              LEFT JOIN dqms.doctor d ON d.id = t.doctor_id
             WHERE t.department_id = :departmentId AND t.status IN ('WAITING', 'CALLED', 'IN_CONSULTATION')
             ORDER BY t.called_at DESC NULLS LAST, t.id
            """;

    /**
     * A token that waits or is at a doctor.
     *
     * @param doctorName null while WAITING
     * @param room null while WAITING
     */
    record ActiveToken(
            long id,
            int number,
            String patientName,
            TokenStatus status,
            Instant calledAt,
            String doctorName,
            String room) {}

    private final JdbcClient jdbc;

    ReceptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The department's WAITING, CALLED and IN_CONSULTATION tokens; the latest call first. */
    List<ActiveToken> active(long departmentId) {
        return jdbc.sql(ACTIVE)
                .param("departmentId", departmentId)
                .query(ReceptionRepository::activeToken)
                .list();
    }

    private static ActiveToken activeToken(ResultSet rows, int rowNumber) throws SQLException {
        return new ActiveToken(
                rows.getLong("id"),
                rows.getInt("number"),
                rows.getString("patient_name"),
                TokenStatus.valueOf(rows.getString("status")),
                TokenRepository.instant(rows, "called_at"),
                rows.getString("doctor_name"),
                rows.getString("room"));
    }
}
