package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The role layout of `db roles`, on a migrated database: each role can do its job and no more. */
class RolePrivilegesTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static TestPostgres postgres;
    private static String database;

    @BeforeAll
    static void migrate() {
        postgres = TestPostgres.start();
        database = DatabaseFixtures.freshDatabase(postgres);
        try (DatabaseConnections connections = DatabaseFixtures.connections(postgres, database)) {
            new Migrations(connections, DatabaseFixtures.settings(null, null)).migrate();
        }
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CREATE TABLE dqms.intruder (id int)",
                "CREATE TABLE public.intruder (id int)",
                "CREATE SCHEMA intruder",
                "DROP TABLE dqms.installation",
                "ALTER TABLE dqms.installation ADD COLUMN intruder int",
                "TRUNCATE dqms.installation",
                "INSERT INTO dqms.flyway_schema_history (installed_rank, description, type, script, installed_by,"
                        + " execution_time, success) VALUES (99, 'x', 'SQL', 'x', 'x', 0, true)",
                "UPDATE dqms.flyway_schema_history SET success = false",
                "DELETE FROM dqms.flyway_schema_history"
            })
    void applicationRoleCannotChangeTheSchemaOrItsHistory(String sql) throws SQLException {
        try (Connection app = connect(RoleLayout.APP)) {
            assertThatThrownBy(() -> execute(app, sql))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo(INSUFFICIENT_PRIVILEGE);
        }
    }

    @Test
    void applicationRoleReadsAndWritesData() throws SQLException {
        try (Connection app = connect(RoleLayout.APP)) {
            execute(app, "UPDATE dqms.installation SET installed_at = installed_at");
            execute(app, "SELECT count(*) FROM dqms.flyway_schema_history");
            assertThat(app.createStatement().executeUpdate("UPDATE dqms.installation SET installed_at = now()"))
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "INSERT INTO dqms.installation DEFAULT VALUES",
                "UPDATE dqms.installation SET installed_at = now()",
                "DELETE FROM dqms.installation",
                "CREATE TABLE dqms.intruder (id int)"
            })
    void readOnlyRoleCannotWrite(String sql) throws SQLException {
        try (Connection readonly = connect(RoleLayout.READONLY)) {
            assertThatThrownBy(() -> execute(readonly, sql))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo(INSUFFICIENT_PRIVILEGE);
            execute(readonly, "SELECT id FROM dqms.installation");
        }
    }

    /** Every table the analytics statements read: a BI tool can compute the figures as dqms_readonly. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "token",
                "department",
                "doctor",
                "doctor_department",
                "doctor_duty_period",
                "wait_quote",
                "token_history"
            })
    void readOnlyRoleReadsWhatAnalyticsNeeds(String table) throws SQLException {
        try (Connection readonly = connect(RoleLayout.READONLY)) {
            execute(readonly, "SELECT count(*) FROM dqms." + table);
        }
    }

    @Test
    void sessionSettingsComeFromTheRoles() throws SQLException {
        try (Connection app = connect(RoleLayout.APP)) {
            assertThat(show(app, "statement_timeout")).isEqualTo("15s");
            assertThat(show(app, "lock_timeout")).isEqualTo("5s");
            assertThat(show(app, "idle_in_transaction_session_timeout")).isEqualTo("30s");
            assertThat(show(app, "search_path")).isEqualTo("dqms");
        }
        try (Connection readonly = connect(RoleLayout.READONLY)) {
            assertThat(show(readonly, "statement_timeout")).isEqualTo("1min");
        }
    }

    @Test
    void ownerCannotLogIn() {
        assertThatThrownBy(() -> connect(RoleLayout.OWNER).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("not permitted to log in");
    }

    @Test
    void applyingTheLayoutAgainChangesNothing() throws SQLException {
        DatabaseFixtures.applyRoles(postgres, database);

        try (Connection app = connect(RoleLayout.APP)) {
            assertThatThrownBy(() -> execute(app, "DELETE FROM dqms.flyway_schema_history"))
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo(INSUFFICIENT_PRIVILEGE);
            execute(app, "UPDATE dqms.installation SET installed_at = installed_at");
        }
    }

    private static Connection connect(String role) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("password", "unused-on-a-trusting-test-server");
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgres.port() + "/" + database, properties);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
