package org.dqms.queue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tokens the closing-time expiry claims. */
@Repository
class ExpiryRepository {

    // SKIP LOCKED: a token another transaction holds (being called right now, or claimed by the
    // expiry of another instance) is left alone; if it is still WAITING, the next run takes it.
    private static final String CLAIM_WAITING = "SELECT " + TokenRepository.COLUMNS + """
              FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id
             WHERE t.department_id = :departmentId AND t.status = 'WAITING' AND t.joined_at < :joinedBefore
             ORDER BY t.id
               FOR NO KEY UPDATE OF t SKIP LOCKED
            """;

    private final JdbcClient jdbc;

    ExpiryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the department's WAITING tokens that joined before {@code joinedBefore}. */
    List<Token> claimWaiting(long departmentId, Instant joinedBefore) {
        return jdbc.sql(CLAIM_WAITING)
                .param("departmentId", departmentId)
                .param("joinedBefore", Timestamp.from(joinedBefore))
                .query(TokenRepository::token)
                .list();
    }
}
