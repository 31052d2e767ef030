package org.dqms.department;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Departments, their weekly opening hours and their closed dates. */
@Repository
class DepartmentRepository {

    private static final String COLUMNS = "id, name, prefix, time_zone, daily_capacity, target_wait_minutes";

    private static final String FIND = "SELECT " + COLUMNS + " FROM dqms.department WHERE id = :id";

    // Changing hours does not change the key, so joins (which take KEY SHARE on the row) go on.
    private static final String LOCK = FIND + " FOR NO KEY UPDATE";

    // Blocks new tokens of the department until the delete commits or rolls back.
    private static final String LOCK_FOR_DELETE = FIND + " FOR UPDATE";

    private static final String ALL = "SELECT " + COLUMNS + " FROM dqms.department ORDER BY name";

    // position() rather than LIKE, so that % and _ in the filter mean themselves.
    private static final String PAGE = "SELECT " + COLUMNS + """
             FROM dqms.department
            WHERE position(lower(:name) IN lower(name)) > 0
            ORDER BY name, id
            LIMIT :limit OFFSET :offset
            """;

    private static final String COUNT = """
            SELECT count(*) FROM dqms.department WHERE position(lower(:name) IN lower(name)) > 0
            """;

    private static final String INSERT = """
            INSERT INTO dqms.department (name, prefix, time_zone, daily_capacity, target_wait_minutes)
            VALUES (:name, :prefix, :timeZone, :dailyCapacity, :targetWaitMinutes)
            RETURNING id
            """;

    private static final String UPDATE = """
            UPDATE dqms.department
               SET name = :name, prefix = :prefix, time_zone = :timeZone, daily_capacity = :dailyCapacity,
                   target_wait_minutes = :targetWaitMinutes
             WHERE id = :id
            """;

    private static final String DELETE = "DELETE FROM dqms.department WHERE id = :id";

    private static final String COUNT_TOKENS = "SELECT count(*) FROM dqms.token WHERE department_id = :id";

    private static final String COUNT_IN_QUEUE = """
            SELECT count(*) FROM dqms.token
             WHERE department_id = :id AND status IN ('WAITING', 'CALLED', 'IN_CONSULTATION')
            """;

    private static final String OPENING_HOURS = """
            SELECT department_id, weekday, opens_at, closes_at
              FROM dqms.opening_hours
             WHERE department_id IN (:ids)
             ORDER BY department_id, weekday, opens_at
            """;

    private static final String CLOSED_DATES = """
            SELECT department_id, closed_on, reason
              FROM dqms.closed_date
             WHERE department_id IN (:ids)
             ORDER BY department_id, closed_on
            """;

    private static final String DELETE_OPENING_HOURS = "DELETE FROM dqms.opening_hours WHERE department_id = :id";

    private static final String INSERT_OPENING_HOURS = """
            INSERT INTO dqms.opening_hours (department_id, weekday, opens_at, closes_at)
            VALUES (:id, :weekday, :opens, :closes)
            """;

    private static final String DELETE_CLOSED_DATES = "DELETE FROM dqms.closed_date WHERE department_id = :id";

    private static final String CLOSE_ON = """
            INSERT INTO dqms.closed_date (department_id, closed_on, reason)
            VALUES (:id, :date, :reason)
            ON CONFLICT (department_id, closed_on) DO UPDATE SET reason = EXCLUDED.reason
            """;

    private static final String REOPEN_ON =
            "DELETE FROM dqms.closed_date WHERE department_id = :id AND closed_on = :date";

    private final JdbcClient jdbc;

    DepartmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Department> find(long id) {
        return one(FIND, id);
    }

    /** Reads the department and keeps others from changing it until the transaction ends. */
    Optional<Department> lock(long id) {
        return one(LOCK, id);
    }

    /** Like {@link #lock}, and also keeps tokens from joining it until the transaction ends. */
    Optional<Department> lockForDelete(long id) {
        return one(LOCK_FOR_DELETE, id);
    }

    List<Department> all() {
        return withHours(jdbc.sql(ALL).query(DepartmentRepository::department).list());
    }

    DepartmentPage page(String nameContains, int page, int size) {
        String name = nameContains == null ? "" : nameContains.strip();
        List<Department> content = jdbc.sql(PAGE)
                .param("name", name)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(DepartmentRepository::department)
                .list();
        long total = jdbc.sql(COUNT).param("name", name).query(Long.class).single();
        return new DepartmentPage(withHours(content), page, size, total);
    }

    long insert(DepartmentDetails details) {
        return detailsParams(jdbc.sql(INSERT), details).query(Long.class).single();
    }

    void update(long id, DepartmentDetails details) {
        detailsParams(jdbc.sql(UPDATE), details).param("id", id).update();
    }

    void delete(long id) {
        jdbc.sql(DELETE).param("id", id).update();
    }

    long countTokens(long id) {
        return jdbc.sql(COUNT_TOKENS).param("id", id).query(Long.class).single();
    }

    /** Tokens of the department that are waiting, called or in consultation. */
    long countInQueue(long id) {
        return jdbc.sql(COUNT_IN_QUEUE).param("id", id).query(Long.class).single();
    }

    void replaceHours(long id, WeeklyHours hours) {
        replaceWeeklyHours(id, hours);
        jdbc.sql(DELETE_CLOSED_DATES).param("id", id).update();
        hours.closedDates().forEach((date, reason) -> closeOn(id, date, reason));
    }

    /** Replaces the weekly intervals only; the closed dates are left as they are. */
    void replaceWeeklyHours(long id, WeeklyHours hours) {
        jdbc.sql(DELETE_OPENING_HOURS).param("id", id).update();
        hours.days()
                .forEach((day, times) -> times.forEach(time -> jdbc.sql(INSERT_OPENING_HOURS)
                        .param("id", id)
                        .param("weekday", day.getValue())
                        .param("opens", time.opens())
                        .param("closes", time.closes())
                        .update()));
    }

    void closeOn(long id, LocalDate date, String reason) {
        jdbc.sql(CLOSE_ON)
                .param("id", id)
                .param("date", date)
                .param("reason", reason)
                .update();
    }

    void reopenOn(long id, LocalDate date) {
        jdbc.sql(REOPEN_ON).param("id", id).param("date", date).update();
    }

    private Optional<Department> one(String sql, long id) {
        return jdbc.sql(sql)
                .param("id", id)
                .query(DepartmentRepository::department)
                .optional()
                .map(department -> withHours(List.of(department)).get(0));
    }

    /** The same departments with their hours, read in two queries for all of them. */
    private List<Department> withHours(List<Department> departments) {
        if (departments.isEmpty()) {
            return departments;
        }
        List<Long> ids = departments.stream().map(Department::id).toList();
        Map<Long, Map<DayOfWeek, List<OpeningTime>>> days = new HashMap<>();
        jdbc.sql(OPENING_HOURS).param("ids", ids).query(rows -> {
            days.computeIfAbsent(rows.getLong("department_id"), id -> new EnumMap<>(DayOfWeek.class))
                    .computeIfAbsent(DayOfWeek.of(rows.getInt("weekday")), day -> new ArrayList<>())
                    .add(new OpeningTime(
                            rows.getObject("opens_at", LocalTime.class), rows.getObject("closes_at", LocalTime.class)));
        });
        Map<Long, Map<LocalDate, String>> closed = new HashMap<>();
        jdbc.sql(CLOSED_DATES).param("ids", ids).query(rows -> {
            closed.computeIfAbsent(rows.getLong("department_id"), id -> new TreeMap<>())
                    .put(rows.getObject("closed_on", LocalDate.class), rows.getString("reason"));
        });
        return departments.stream()
                .map(d -> new Department(
                        d.id(),
                        d.name(),
                        d.prefix(),
                        d.timeZone(),
                        d.dailyCapacity(),
                        d.targetWaitMinutes(),
                        new WeeklyHours(days.getOrDefault(d.id(), Map.of()), closed.getOrDefault(d.id(), Map.of()))))
                .toList();
    }

    private static JdbcClient.StatementSpec detailsParams(JdbcClient.StatementSpec spec, DepartmentDetails details) {
        return spec.param("name", details.name())
                .param("prefix", details.prefix().value())
                .param("timeZone", details.timeZone().getId())
                .param("dailyCapacity", details.dailyCapacity())
                .param("targetWaitMinutes", details.targetWaitMinutes());
    }

    /** Maps a row selected with {@link #COLUMNS}; hours are added by {@link #withHours}. */
    private static Department department(ResultSet rows, int rowNumber) throws SQLException {
        return new Department(
                rows.getLong("id"),
                rows.getString("name"),
                new DepartmentPrefix(rows.getString("prefix")),
                ZoneId.of(rows.getString("time_zone")),
                rows.getInt("daily_capacity"),
                rows.getInt("target_wait_minutes"),
                WeeklyHours.none());
    }
}
