package org.dqms.notifications;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each department's "your turn is near" threshold, where an administrator set one. */
@Repository
class NearTurnSettings {

    private static final String FIND =
            "SELECT near_turn_ahead FROM dqms.notification_department_setting WHERE department_id = :departmentId";

    private static final String SET = """
            INSERT INTO dqms.notification_department_setting (department_id, near_turn_ahead)
            VALUES (:departmentId, :ahead)
            ON CONFLICT (department_id) DO UPDATE SET near_turn_ahead = EXCLUDED.near_turn_ahead
            """;

    private static final String CLEAR =
            "DELETE FROM dqms.notification_department_setting WHERE department_id = :departmentId";

    private final JdbcClient jdbc;

    NearTurnSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Integer> of(long departmentId) {
        return jdbc.sql(FIND)
                .param("departmentId", departmentId)
                .query(Integer.class)
                .optional();
    }

    void set(long departmentId, int ahead) {
        jdbc.sql(SET).param("departmentId", departmentId).param("ahead", ahead).update();
    }

    void clear(long departmentId) {
        jdbc.sql(CLEAR).param("departmentId", departmentId).update();
    }
}
