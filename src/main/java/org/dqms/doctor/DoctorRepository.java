package org.dqms.doctor;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Doctors and the departments they serve. */
@Repository
class DoctorRepository {

    private static final String COLUMNS = """
            d.id, d.name, d.room, d.specialization, d.consultation_minutes, d.duty_status,
            ARRAY(SELECT dd.department_id FROM dqms.doctor_department dd
                   WHERE dd.doctor_id = d.id ORDER BY dd.department_id) AS department_ids""";

    private static final String FIND = "SELECT " + COLUMNS + " FROM dqms.doctor d WHERE d.id = :id";

    // An edit does not change the key, so calls and joins that name the doctor on a token (they take
    // KEY SHARE on the row) go on; only other edits and deletes wait.
    private static final String LOCK = FIND + " FOR NO KEY UPDATE";

    // Blocks tokens from naming the doctor until the delete commits or rolls back.
    private static final String LOCK_FOR_DELETE = FIND + " FOR UPDATE";

    private static final String IN_DEPARTMENT = "SELECT " + COLUMNS + """
             FROM dqms.doctor d
            WHERE EXISTS (SELECT 1 FROM dqms.doctor_department dd
                           WHERE dd.doctor_id = d.id AND dd.department_id = :departmentId)
            ORDER BY d.name, d.id
            """;

    private static final String IN_OPTIONAL_DEPARTMENT = """
             FROM dqms.doctor d
            WHERE :departmentId IS NULL
               OR EXISTS (SELECT 1 FROM dqms.doctor_department dd
                           WHERE dd.doctor_id = d.id AND dd.department_id = :departmentId)
            """;

    private static final String PAGE =
            "SELECT " + COLUMNS + IN_OPTIONAL_DEPARTMENT + " ORDER BY d.name, d.id LIMIT :limit OFFSET :offset";

    private static final String COUNT = "SELECT count(*)" + IN_OPTIONAL_DEPARTMENT;

    // A doctor serving n departments is shared between them, so each gets 1/n of them.
    private static final String STAFFING = """
            SELECT coalesce(sum(1.0 / (SELECT count(*) FROM dqms.doctor_department mine
                                         WHERE mine.doctor_id = d.id))
                                FILTER (WHERE d.duty_status = 'ON_DUTY'), 0) AS on_duty,
                   coalesce(avg(d.consultation_minutes) FILTER (WHERE d.duty_status = 'ON_DUTY'),
                            avg(d.consultation_minutes)) AS usual_minutes
              FROM dqms.doctor d
              JOIN dqms.doctor_department dd ON dd.doctor_id = d.id
             WHERE dd.department_id = :departmentId
            """;

    private static final String INSERT = """
            INSERT INTO dqms.doctor (name, room, specialization, consultation_minutes)
            VALUES (:name, :room, :specialization, :consultationMinutes)
            RETURNING id
            """;

    private static final String UPDATE = """
            UPDATE dqms.doctor
               SET name = :name, room = :room, specialization = :specialization,
                   consultation_minutes = :consultationMinutes
             WHERE id = :id
            """;

    private static final String SET_DUTY_STATUS = "UPDATE dqms.doctor SET duty_status = :status WHERE id = :id";

    private static final String DELETE = "DELETE FROM dqms.doctor WHERE id = :id";

    private static final String COUNT_TOKENS = """
            SELECT count(*) FROM dqms.token WHERE doctor_id = :id OR preferred_doctor_id = :id
            """;

    // Only the links to departments the doctor leaves are deleted, and the delete waits for joins,
    // transfers, check-ins and bookings in flight that hold such a link (HOLD_LINK) for the token or
    // appointment they add.
    private static final String DELETE_LEFT_DEPARTMENTS = """
            DELETE FROM dqms.doctor_department
             WHERE doctor_id = :id AND department_id <> ALL(:departmentIds)
            RETURNING department_id
            """;

    private static final String INSERT_DEPARTMENT = """
            INSERT INTO dqms.doctor_department (doctor_id, department_id) VALUES (:id, :departmentId)
            ON CONFLICT DO NOTHING
            """;

    // KEY SHARE: several tokens may name the doctor at once, and an edit that keeps the department
    // deletes nothing, so only taking the department from the doctor waits.
    private static final String HOLD_LINK = """
            SELECT dd.department_id FROM dqms.doctor_department dd
             WHERE dd.doctor_id = :doctorId AND dd.department_id = :departmentId
               FOR KEY SHARE
            """;

    // For a department's delete, which has locked the department first: a delete of another of the
    // doctors' departments, or an edit of their departments, waits until it ends. By id, so that two
    // deletes that share doctors lock them in the same order and never each hold one the other needs.
    private static final String LOCK_IN_DEPARTMENT = """
            SELECT d.id FROM dqms.doctor d
             WHERE EXISTS (SELECT 1 FROM dqms.doctor_department dd
                            WHERE dd.doctor_id = d.id AND dd.department_id = :departmentId)
             ORDER BY d.id
               FOR NO KEY UPDATE
            """;

    private static final String SERVING_ONLY = """
            SELECT dd.doctor_id
              FROM dqms.doctor_department dd
             WHERE dd.department_id = :departmentId
               AND NOT EXISTS (SELECT 1 FROM dqms.doctor_department other
                                WHERE other.doctor_id = dd.doctor_id AND other.department_id <> :departmentId)
             ORDER BY dd.doctor_id
            """;

    private final JdbcClient jdbc;

    DoctorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Doctor> find(long id) {
        return jdbc.sql(FIND).param("id", id).query(DoctorRepository::doctor).optional();
    }

    /** Reads the doctor and keeps others from changing them until the transaction ends. */
    Optional<Doctor> lock(long id) {
        return jdbc.sql(LOCK).param("id", id).query(DoctorRepository::doctor).optional();
    }

    /** Like {@link #lock}, and also keeps tokens from naming the doctor until the transaction ends. */
    Optional<Doctor> lockForDelete(long id) {
        return jdbc.sql(LOCK_FOR_DELETE)
                .param("id", id)
                .query(DoctorRepository::doctor)
                .optional();
    }

    /** Keeps the doctors of the department from being changed or deleted until the transaction ends. */
    void lockInDepartment(long departmentId) {
        jdbc.sql(LOCK_IN_DEPARTMENT)
                .param("departmentId", departmentId)
                .query(Long.class)
                .list();
    }

    /** Doctors for whom this is the only department. */
    List<Long> servingOnly(long departmentId) {
        return jdbc.sql(SERVING_ONLY)
                .param("departmentId", departmentId)
                .query(Long.class)
                .list();
    }

    List<Doctor> inDepartment(long departmentId) {
        return jdbc.sql(IN_DEPARTMENT)
                .param("departmentId", departmentId)
                .query(DoctorRepository::doctor)
                .list();
    }

    DoctorPage page(Long departmentId, int page, int size) {
        List<Doctor> content = jdbc.sql(PAGE)
                .param("departmentId", departmentId, Types.BIGINT)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(DoctorRepository::doctor)
                .list();
        long total = jdbc.sql(COUNT)
                .param("departmentId", departmentId, Types.BIGINT)
                .query(Long.class)
                .single();
        return new DoctorPage(content, page, size, total);
    }

    Staffing staffing(long departmentId) {
        return jdbc.sql(STAFFING)
                .param("departmentId", departmentId)
                .query((rows, n) -> {
                    BigDecimal usual = rows.getBigDecimal("usual_minutes");
                    return new Staffing(
                            rows.getBigDecimal("on_duty").doubleValue(),
                            usual == null ? OptionalDouble.empty() : OptionalDouble.of(usual.doubleValue()));
                })
                .single();
    }

    long insert(DoctorDetails details) {
        long id = detailsParams(jdbc.sql(INSERT), details).query(Long.class).single();
        addDepartments(id, details.departmentIds());
        return id;
    }

    /** Stores the details; returns the departments the doctor no longer serves. */
    Set<Long> update(long id, DoctorDetails details) {
        detailsParams(jdbc.sql(UPDATE), details).param("id", id).update();
        Set<Long> left = Set.copyOf(jdbc.sql(DELETE_LEFT_DEPARTMENTS)
                .param("id", id)
                .param("departmentIds", details.departmentIds().toArray(Long[]::new))
                .query(Long.class)
                .list());
        addDepartments(id, details.departmentIds());
        return left;
    }

    /** Whether the doctor serves the department; if so, it goes on doing so until the transaction ends. */
    boolean holdLink(long doctorId, long departmentId) {
        return jdbc.sql(HOLD_LINK)
                .param("doctorId", doctorId)
                .param("departmentId", departmentId)
                .query(Long.class)
                .optional()
                .isPresent();
    }

    boolean setDutyStatus(long id, DutyStatus status) {
        return jdbc.sql(SET_DUTY_STATUS)
                        .param("id", id)
                        .param("status", status.name())
                        .update()
                == 1;
    }

    void delete(long id) {
        jdbc.sql(DELETE).param("id", id).update();
    }

    long countTokens(long id) {
        return jdbc.sql(COUNT_TOKENS).param("id", id).query(Long.class).single();
    }

    private void addDepartments(long id, Set<Long> departmentIds) {
        departmentIds.stream()
                .sorted()
                .forEach(departmentId -> jdbc.sql(INSERT_DEPARTMENT)
                        .param("id", id)
                        .param("departmentId", departmentId)
                        .update());
    }

    private static JdbcClient.StatementSpec detailsParams(JdbcClient.StatementSpec spec, DoctorDetails details) {
        return spec.param("name", details.name())
                .param("room", details.room())
                .param("specialization", details.specialization())
                .param("consultationMinutes", details.consultationMinutes());
    }

    /** Maps a row selected with {@link #COLUMNS}. */
    private static Doctor doctor(ResultSet rows, int rowNumber) throws SQLException {
        Array departments = rows.getArray("department_ids");
        Set<Long> departmentIds =
                Arrays.stream((Long[]) departments.getArray()).collect(Collectors.toUnmodifiableSet());
        return new Doctor(
                rows.getLong("id"),
                rows.getString("name"),
                rows.getString("room"),
                rows.getString("specialization"),
                rows.getInt("consultation_minutes"),
                DutyStatus.valueOf(rows.getString("duty_status")),
                departmentIds);
    }
}
