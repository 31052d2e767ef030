package org.dqms.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The day's last token number of each department. Numbers come from one counter row per department
 * and service date, taken inside the joining transaction: a join that rolls back gives its number
 * back, so numbers have no gaps, and the row lock orders concurrent joins.
 */
@Repository
class TokenCounterRepository {

    // The capacity check sits in the same statement as the increment, so two joins racing for the
    // last place cannot both get it. The first join of a day inserts the row with number 1. A join
    // takes it inside its own statement (JoinRepository.ISSUE). The row also keeps the latest arrival
    // it numbered (greatest ignores the NULL of a row from before V18), so that a number's arrival
    // is never earlier than the number's before it: the caller read its clock before waiting for the
    // row, perhaps on an instance whose clock runs behind.
    static final String TAKE_NEXT = """
            INSERT INTO dqms.token_counter (department_id, service_date, last_number, last_joined_at)
            VALUES (:departmentId, :serviceDate, 1, :joinedAt)
            ON CONFLICT (department_id, service_date)
            DO UPDATE SET last_number = token_counter.last_number + 1,
                          last_joined_at = greatest(token_counter.last_joined_at, EXCLUDED.last_joined_at)
                    WHERE token_counter.last_number < :capacity
            RETURNING last_number, last_joined_at
            """;

    private static final String ISSUED = """
            SELECT last_number
              FROM dqms.token_counter
             WHERE department_id = :departmentId AND service_date = :serviceDate
            """;

    private final JdbcClient jdbc;

    TokenCounterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A number of the day, and the arrival it stands for: the caller's clock reading, or the latest
     * arrival numbered before it where that is later.
     */
    record Numbered(int number, Instant joinedAt) {}

    /**
     * The next number of the day for an arrival at {@code arrivedAt}, or empty if {@code capacity}
     * numbers have been issued already. The counter row stays locked until the transaction ends.
     */
    Optional<Numbered> next(long departmentId, LocalDate serviceDate, int capacity, Instant arrivedAt) {
        return jdbc.sql(TAKE_NEXT)
                .param("departmentId", departmentId)
                .param("serviceDate", serviceDate)
                .param("capacity", capacity)
                .param("joinedAt", TokenRepository.timestamp(arrivedAt))
                .query((rows, n) -> new Numbered(
                        rows.getInt("last_number"),
                        rows.getTimestamp("last_joined_at").toInstant()))
                .optional();
    }

    /** How many tokens the department has issued on that date. */
    int issued(long departmentId, LocalDate serviceDate) {
        return jdbc.sql(ISSUED)
                .param("departmentId", departmentId)
                .param("serviceDate", serviceDate)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }
}
