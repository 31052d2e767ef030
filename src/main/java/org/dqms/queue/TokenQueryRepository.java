package org.dqms.queue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Lists of tokens for staff screens and the API. A single token is read through {@link TokenRepository}. */
@Repository
class TokenQueryRepository {

    // A filter left out is passed as null; the casts give PostgreSQL its type.
    private static final String FILTER = """
             WHERE (CAST(:departmentId AS bigint) IS NULL OR t.department_id = :departmentId)
               AND (CAST(:doctorId AS bigint) IS NULL OR t.doctor_id = :doctorId)
               AND (CAST(:status AS text) IS NULL OR t.status = :status)
               AND (CAST(:serviceDate AS date) IS NULL OR t.service_date = :serviceDate)
            """;

    private static final String SEARCH = "SELECT " + TokenRepository.COLUMNS
            + " FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id" + FILTER + """
             ORDER BY t.service_date DESC, t.department_id, t.number
             LIMIT :limit OFFSET :offset
            """;

    private static final String COUNT = "SELECT count(*) FROM dqms.token t" + FILTER;

    private static final String HELD_BY = "SELECT " + TokenRepository.COLUMNS
            + " FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id" + """
             WHERE t.patient_user_id = :userId
             ORDER BY t.joined_at DESC, t.id DESC
             LIMIT :limit OFFSET :offset
            """;

    private static final String COUNT_HELD_BY = "SELECT count(*) FROM dqms.token WHERE patient_user_id = :userId";

    private static final String EXISTS = "SELECT EXISTS (SELECT 1 FROM dqms.token WHERE id = :id)";

    private final JdbcClient jdbc;

    TokenQueryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tokens matching the filter: newest service date first, then by department and number. */
    List<Token> search(TokenFilter filter, int limit, long offset) {
        return jdbc.sql(SEARCH)
                .params(filter.parameters())
                .param("limit", limit)
                .param("offset", offset)
                .query(TokenRepository::token)
                .list();
    }

    long count(TokenFilter filter) {
        return jdbc.sql(COUNT).params(filter.parameters()).query(Long.class).single();
    }

    /** The tokens a patient account holds, newest first (index token_by_patient_user). */
    List<Token> heldBy(long userId, int limit, long offset) {
        return jdbc.sql(HELD_BY)
                .param("userId", userId)
                .param("limit", limit)
                .param("offset", offset)
                .query(TokenRepository::token)
                .list();
    }

    long countHeldBy(long userId) {
        return jdbc.sql(COUNT_HELD_BY).param("userId", userId).query(Long.class).single();
    }

    boolean exists(long id) {
        return jdbc.sql(EXISTS).param("id", id).query(Boolean.class).single();
    }

    /**
     * Which tokens to list; null means any.
     *
     * @param doctorId the doctor who called the token
     * @param serviceDate the day the token was issued for, in its department's time zone
     */
    record TokenFilter(Long departmentId, Long doctorId, TokenStatus status, LocalDate serviceDate) {

        Map<String, Object> parameters() {
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("departmentId", departmentId);
            parameters.put("doctorId", doctorId);
            parameters.put("status", status == null ? null : status.name());
            parameters.put("serviceDate", serviceDate);
            return parameters;
        }
    }
}
