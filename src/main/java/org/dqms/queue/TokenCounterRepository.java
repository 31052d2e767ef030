package org.dqms.queue;

import java.time.LocalDate;
import java.util.OptionalInt;
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
    // takes it inside its own statement (JoinRepository.ISSUE).
    static final String TAKE_NEXT = """
            INSERT INTO dqms.token_counter (department_id, service_date, last_number)
            VALUES (:departmentId, :serviceDate, 1)
            ON CONFLICT (department_id, service_date)
            DO UPDATE SET last_number = token_counter.last_number + 1
                    WHERE token_counter.last_number < :capacity
            RETURNING last_number
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
     * The next number of the day, or empty if {@code capacity} numbers have been issued already. The
     * counter row stays locked until the transaction ends.
     */
    OptionalInt next(long departmentId, LocalDate serviceDate, int capacity) {
        return jdbc.sql(TAKE_NEXT)
                .param("departmentId", departmentId)
                .param("serviceDate", serviceDate)
                .param("capacity", capacity)
                .query(Integer.class)
                .optional()
                .map(OptionalInt::of)
                .orElseGet(OptionalInt::empty);
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
