package org.dqms.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts and the departments of reception accounts. */
@Repository
class AccountRepository {

    private static final String COLUMNS = "id, email, name, role, doctor_id, phone, password_hash, enabled";

    private static final String FIND = "SELECT " + COLUMNS + " FROM dqms.app_user WHERE id = :id";

    private static final String FIND_BY_EMAIL =
            "SELECT " + COLUMNS + " FROM dqms.app_user WHERE lower(email) = lower(:email)";

    private static final String DEPARTMENTS =
            "SELECT department_id FROM dqms.app_user_department WHERE user_id = :id ORDER BY department_id";

    private static final String INSERT = """
            INSERT INTO dqms.app_user (email, name, phone, role, password_hash, doctor_id)
            VALUES (:email, :name, :phone, :role, :passwordHash, :doctorId)
            RETURNING id
            """;

    private static final String INSERT_DEPARTMENT =
            "INSERT INTO dqms.app_user_department (user_id, department_id) VALUES (:id, :departmentId)";

    // A link the account keeps is left alone: writing it again would wait for a delete of its
    // department that waits for this account (ReceptionDepartments), a deadlock.
    private static final String ADD_DEPARTMENT = INSERT_DEPARTMENT + " ON CONFLICT DO NOTHING";

    private static final String UPDATE_PASSWORD_HASH =
            "UPDATE dqms.app_user SET password_hash = :passwordHash WHERE id = :id";

    private static final String ANY_ADMIN =
            "SELECT EXISTS (SELECT 1 FROM dqms.app_user WHERE role = 'ADMIN' AND enabled)";

    private static final String ANY_ACCOUNT = "SELECT EXISTS (SELECT 1 FROM dqms.app_user)";

    // A null role matches every account; the cast tells PostgreSQL the type of a null parameter.
    private static final String PAGE = "SELECT " + COLUMNS + " FROM dqms.app_user"
            + " WHERE (CAST(:role AS text) IS NULL OR role = :role) ORDER BY id LIMIT :limit OFFSET :offset";

    private static final String COUNT =
            "SELECT count(*) FROM dqms.app_user WHERE (CAST(:role AS text) IS NULL OR role = :role)";

    private static final String UPDATE_ROLE =
            "UPDATE dqms.app_user SET role = :role, doctor_id = :doctorId WHERE id = :id";

    private static final String DELETE_OTHER_DEPARTMENTS =
            "DELETE FROM dqms.app_user_department WHERE user_id = :id AND department_id <> ALL(:departmentIds)";

    private static final String UPDATE_ENABLED = "UPDATE dqms.app_user SET enabled = :enabled WHERE id = :id";

    // Locks every enabled administrator, so that two administrators who disable or demote each
    // other at once cannot both see the other as the one who remains.
    private static final String LOCK_ENABLED_ADMINS =
            "SELECT id FROM dqms.app_user WHERE role = 'ADMIN' AND enabled ORDER BY id FOR UPDATE";

    // The accounts of a department being deleted, in id order as every such lock is taken, so that a
    // delete of another of their departments, or an edit of their departments, ends first.
    private static final String LOCK_IN_DEPARTMENT = """
            SELECT u.id FROM dqms.app_user u
             WHERE EXISTS (SELECT 1 FROM dqms.app_user_department ud
                            WHERE ud.user_id = u.id AND ud.department_id = :departmentId)
             ORDER BY u.id
               FOR NO KEY UPDATE
            """;

    // Only reception accounts have departments (AccountService.staffScope).
    private static final String RECEPTION_ONLY_IN = """
            SELECT ud.user_id
              FROM dqms.app_user_department ud
             WHERE ud.department_id = :departmentId
               AND NOT EXISTS (SELECT 1 FROM dqms.app_user_department other
                                WHERE other.user_id = ud.user_id AND other.department_id <> :departmentId)
             ORDER BY ud.user_id
            """;

    /** An account as stored, with what only this module sees. */
    record StoredAccount(UserAccount account, String passwordHash, boolean enabled) {}

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredAccount> find(long id) {
        return jdbc.sql(FIND)
                .param("id", id)
                .query(AccountRepository::stored)
                .optional()
                .map(this::withDepartments);
    }

    Optional<StoredAccount> findByEmail(String email) {
        return jdbc.sql(FIND_BY_EMAIL)
                .param("email", email)
                .query(AccountRepository::stored)
                .optional()
                .map(this::withDepartments);
    }

    /** Inserts the account and its departments; a taken email or doctor throws DuplicateKeyException. */
    long insert(NewAccount account, String passwordHash) {
        long id = jdbc.sql(INSERT)
                .param("email", account.email())
                .param("name", account.name())
                .param("phone", account.phone())
                .param("role", account.role().name())
                .param("passwordHash", passwordHash)
                .param("doctorId", account.doctorId())
                .query(Long.class)
                .single();
        account.departmentIds().stream()
                .sorted()
                .forEach(departmentId -> jdbc.sql(INSERT_DEPARTMENT)
                        .param("id", id)
                        .param("departmentId", departmentId)
                        .update());
        return id;
    }

    /** Page of accounts by id, of the role or of every role if it is null. */
    List<StoredAccount> page(Role role, int limit, long offset) {
        return jdbc
                .sql(PAGE)
                .param("role", role == null ? null : role.name())
                .param("limit", limit)
                .param("offset", offset)
                .query(AccountRepository::stored)
                .list()
                .stream()
                .map(this::withDepartments)
                .toList();
    }

    long count(Role role) {
        return jdbc.sql(COUNT)
                .param("role", role == null ? null : role.name())
                .query(Long.class)
                .single();
    }

    /** The reception accounts for which this is the only department. */
    List<Long> receptionOnlyIn(long departmentId) {
        return jdbc.sql(RECEPTION_ONLY_IN)
                .param("departmentId", departmentId)
                .query(Long.class)
                .list();
    }

    /**
     * Sets the role, doctor and departments together; a doctor that has an account already throws
     * DuplicateKeyException.
     */
    void updateRole(long id, Role role, Set<Long> departmentIds, Long doctorId) {
        jdbc.sql(UPDATE_ROLE)
                .param("id", id)
                .param("role", role.name())
                .param("doctorId", doctorId)
                .update();
        jdbc.sql(DELETE_OTHER_DEPARTMENTS)
                .param("id", id)
                .param("departmentIds", departmentIds.toArray(Long[]::new))
                .update();
        departmentIds.stream()
                .sorted()
                .forEach(departmentId -> jdbc.sql(ADD_DEPARTMENT)
                        .param("id", id)
                        .param("departmentId", departmentId)
                        .update());
    }

    /** Locks the accounts of the department until the transaction ends. */
    void lockInDepartment(long departmentId) {
        jdbc.sql(LOCK_IN_DEPARTMENT)
                .param("departmentId", departmentId)
                .query(Long.class)
                .list();
    }

    void updateEnabled(long id, boolean enabled) {
        jdbc.sql(UPDATE_ENABLED).param("id", id).param("enabled", enabled).update();
    }

    /** The ids of the enabled administrators, locked until the transaction ends. */
    List<Long> lockEnabledAdmins() {
        return jdbc.sql(LOCK_ENABLED_ADMINS).query(Long.class).list();
    }

    void updatePasswordHash(long id, String passwordHash) {
        jdbc.sql(UPDATE_PASSWORD_HASH)
                .param("id", id)
                .param("passwordHash", passwordHash)
                .update();
    }

    boolean anyAdmin() {
        return jdbc.sql(ANY_ADMIN).query(Boolean.class).single();
    }

    boolean anyAccount() {
        return jdbc.sql(ANY_ACCOUNT).query(Boolean.class).single();
    }

    private StoredAccount withDepartments(StoredAccount stored) {
        UserAccount a = stored.account();
        if (a.role() != Role.RECEPTION) {
            return stored;
        }
        Set<Long> departmentIds = Set.copyOf(
                jdbc.sql(DEPARTMENTS).param("id", a.id()).query(Long.class).list());
        return new StoredAccount(
                new UserAccount(a.id(), a.email(), a.name(), a.role(), departmentIds, a.doctorId(), a.phone()),
                stored.passwordHash(),
                stored.enabled());
    }

    /** Maps a row selected with {@link #COLUMNS}; departments are added by {@link #withDepartments}. */
    private static StoredAccount stored(ResultSet rows, int rowNumber) throws SQLException {
        UserAccount account = new UserAccount(
                rows.getLong("id"),
                rows.getString("email"),
                rows.getString("name"),
                Role.valueOf(rows.getString("role")),
                Set.of(),
                rows.getObject("doctor_id", Long.class),
                rows.getString("phone"));
        return new StoredAccount(account, rows.getString("password_hash"), rows.getBoolean("enabled"));
    }
}
