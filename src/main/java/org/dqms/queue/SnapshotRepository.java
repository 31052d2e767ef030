package org.dqms.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reads of the live screens that the queue's own statements do not cover. */
@Repository
class SnapshotRepository {

    private static final String CALLING = """
            SELECT t.id, t.number, t.status, t.called_at, t.recall_count, d.name AS doctor_name, d.room,
                   NULL::uuid AS next_link
              FROM dqms.token t
              JOIN dqms.doctor d ON d.id = t.doctor_id
             WHERE t.department_id = :departmentId AND t.status IN ('CALLED', 'IN_CONSULTATION')
             ORDER BY t.called_at DESC, t.id DESC
            """;

    private static final String TOKENS = """
            SELECT t.id, t.number, t.status, t.called_at, t.recall_count, d.name AS doctor_name, d.room,
                   (SELECT n.public_id FROM dqms.token n WHERE n.previous_token_id = t.id) AS next_link
              FROM dqms.token t
              LEFT JOIN dqms.doctor d ON d.id = t.doctor_id
             WHERE t.id = ANY(:tokenIds) AND t.department_id = :departmentId
            """;

    private static final String BY_LINK = """
            SELECT t.id, t.department_id FROM dqms.token t WHERE t.public_id = :publicId
            """;

    /** A token's state with its doctor's room, for tokens that are not waiting. */
    record TokenState(
            long id,
            int number,
            String status,
            Instant calledAt,
            int recallCount,
            String doctorName,
            String room,
            UUID nextLink) {}

    private final JdbcClient jdbc;

    SnapshotRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The department's tokens called or in consultation, the latest call first. */
    List<TokenState> calling(long departmentId) {
        return jdbc.sql(CALLING)
                .param("departmentId", departmentId)
                .query(SnapshotRepository::state)
                .list();
    }

    /** The given tokens of the department; ids of other departments are left out. */
    List<TokenState> tokens(long departmentId, Collection<Long> tokenIds) {
        return jdbc.sql(TOKENS)
                .param("departmentId", departmentId)
                .param("tokenIds", tokenIds.toArray(Long[]::new))
                .query(SnapshotRepository::state)
                .list();
    }

    Optional<TokenRef> byLink(UUID publicId) {
        return jdbc.sql(BY_LINK)
                .param("publicId", publicId)
                .query((rows, n) -> new TokenRef(rows.getLong("id"), rows.getLong("department_id")))
                .optional();
    }

    private static TokenState state(ResultSet rows, int rowNumber) throws SQLException {
        return new TokenState(
                rows.getLong("id"),
                rows.getInt("number"),
                rows.getString("status"),
                TokenRepository.instant(rows, "called_at"),
                rows.getInt("recall_count"),
                rows.getString("doctor_name"),
                rows.getString("room"),
                rows.getObject("next_link", UUID.class));
    }
}
