package org.dqms.appointment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class BookingPlanRepository {

    private static final String COLUMNS =
            "id, department_id, doctor_id, slot_minutes, capacity_per_slot, walk_in_share_percent, horizon_days";

    private static final String FIND = "SELECT " + COLUMNS + " FROM dqms.booking_plan WHERE id = :id";

    private static final String OF_DEPARTMENT = "SELECT " + COLUMNS
            + " FROM dqms.booking_plan WHERE department_id = :departmentId ORDER BY doctor_id NULLS FIRST, id";

    private static final String ALL = "SELECT " + COLUMNS + " FROM dqms.booking_plan ORDER BY department_id, id";

    private static final String INSERT = """
            INSERT INTO dqms.booking_plan (department_id, doctor_id, slot_minutes, capacity_per_slot,
                                           walk_in_share_percent, horizon_days)
            VALUES (:departmentId, :doctorId, :slotMinutes, :capacityPerSlot, :walkInSharePercent, :horizonDays)
            RETURNING id
            """;

    private static final String UPDATE = """
            UPDATE dqms.booking_plan
               SET slot_minutes = :slotMinutes, capacity_per_slot = :capacityPerSlot,
                   walk_in_share_percent = :walkInSharePercent, horizon_days = :horizonDays
             WHERE id = :id
            """;

    private static final String DELETE = "DELETE FROM dqms.booking_plan WHERE id = :id";

    private final JdbcClient jdbc;

    BookingPlanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BookingPlan> find(long id) {
        return jdbc.sql(FIND).param("id", id).query(BookingPlanRepository::plan).optional();
    }

    List<BookingPlan> ofDepartment(long departmentId) {
        return jdbc.sql(OF_DEPARTMENT)
                .param("departmentId", departmentId)
                .query(BookingPlanRepository::plan)
                .list();
    }

    List<BookingPlan> all() {
        return jdbc.sql(ALL).query(BookingPlanRepository::plan).list();
    }

    long insert(long departmentId, Long doctorId, PlanDetails details) {
        return jdbc.sql(INSERT)
                .param("departmentId", departmentId)
                .param("doctorId", doctorId, Types.BIGINT)
                .param("slotMinutes", details.slotMinutes())
                .param("capacityPerSlot", details.capacityPerSlot())
                .param("walkInSharePercent", details.walkInSharePercent())
                .param("horizonDays", details.horizonDays())
                .query(Long.class)
                .single();
    }

    boolean update(long id, PlanDetails details) {
        return jdbc.sql(UPDATE)
                        .param("id", id)
                        .param("slotMinutes", details.slotMinutes())
                        .param("capacityPerSlot", details.capacityPerSlot())
                        .param("walkInSharePercent", details.walkInSharePercent())
                        .param("horizonDays", details.horizonDays())
                        .update()
                == 1;
    }

    boolean delete(long id) {
        return jdbc.sql(DELETE).param("id", id).update() == 1;
    }

    private static BookingPlan plan(ResultSet rows, int rowNumber) throws SQLException {
        return new BookingPlan(
                rows.getLong("id"),
                rows.getLong("department_id"),
                rows.getObject("doctor_id", Long.class),
                rows.getInt("slot_minutes"),
                rows.getInt("capacity_per_slot"),
                rows.getInt("walk_in_share_percent"),
                rows.getInt("horizon_days"));
    }
}
