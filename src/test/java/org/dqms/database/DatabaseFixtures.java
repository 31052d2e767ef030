package org.dqms.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import org.dqms.testing.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Settings and databases for the database module's tests. */
final class DatabaseFixtures {

    static final String MIGRATOR_PASSWORD = "Migrator-Pw-71";
    static final String APP_PASSWORD = "App-Pw-72";
    static final String READONLY_PASSWORD = "Readonly-Pw-73";

    private DatabaseFixtures() {}

    /** The defaults of application.yml, with the given URLs. */
    static DatabaseSettings settings(String url, String directUrl) {
        return TestSettings.defaults().url(url).directUrl(directUrl).build();
    }

    private static final java.util.concurrent.atomic.AtomicInteger DATABASES =
            new java.util.concurrent.atomic.AtomicInteger();

    /** A server with a {@code dqms} database and the role layout applied, as `db roles` leaves it. */
    static TestPostgres postgresWithRoles() {
        TestPostgres postgres = TestPostgres.start();
        postgres.createDatabase("dqms");
        applyRoles(postgres, "dqms");
        return postgres;
    }

    /** A new database on the server with the role layout applied; much faster than a new server. */
    static String freshDatabase(TestPostgres postgres) {
        String name = "dqms_" + DATABASES.incrementAndGet();
        postgres.createDatabase(name);
        applyRoles(postgres, name);
        return name;
    }

    static void applyRoles(TestPostgres postgres, String database) {
        try (Connection admin = postgres.superuser(database).getConnection()) {
            RoleLayout.apply(
                    admin,
                    Map.of(
                            RoleLayout.MIGRATOR, MIGRATOR_PASSWORD,
                            RoleLayout.APP, APP_PASSWORD,
                            RoleLayout.READONLY, READONLY_PASSWORD));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String appUrl(TestPostgres postgres, String database) {
        return postgres.url(RoleLayout.APP, APP_PASSWORD, database, "sslmode=disable");
    }

    static String migratorUrl(TestPostgres postgres, String database) {
        return postgres.url(RoleLayout.MIGRATOR, MIGRATOR_PASSWORD, database, "sslmode=disable");
    }

    static String readonlyUrl(TestPostgres postgres, String database) {
        return postgres.url(RoleLayout.READONLY, READONLY_PASSWORD, database, "sslmode=disable");
    }

    /** Pools on the given database, as the application would open them (no embedded database). */
    static DatabaseConnections connections(TestPostgres postgres, String database) {
        DatabaseSettings settings = settings(appUrl(postgres, database), migratorUrl(postgres, database));
        return new DatabaseConnections(
                ConnectionTargetsResolver.resolve(settings, new org.dqms.platform.Deployment(false, true, null)),
                settings,
                true);
    }

    /**
     * A row in the schema history as a newer release leaves it when one of its migrations fails
     * half done (a {@code CREATE INDEX CONCURRENTLY}, say): a version this build does not know.
     */
    static void failedMigrationOfANewerRelease(JdbcClient superuser) {
        superuser.sql("""
                        INSERT INTO dqms.flyway_schema_history
                            (installed_rank, version, description, type, script, checksum, installed_by,
                             execution_time, success)
                        SELECT max(installed_rank) + 1, '999', 'newer release', 'SQL', 'V999__newer_release.sql',
                               0, 'dqms_migrator', 5, false
                        FROM dqms.flyway_schema_history
                        """).update();
    }

    /**
     * The key of the advisory lock Flyway holds while it migrates dqms' schema: its magic number
     * plus the hash of the history table's quoted name (Flyway's PostgreSQLAdvisoryLockTemplate).
     * Tests that hold it also check that a migrate waits for it, so a wrong key shows.
     */
    static final long FLYWAY_LOCK = 77_431_708_279_161L + "\"dqms\".\"flyway_schema_history\"".hashCode();

    /** A session holding Flyway's lock, as a migrate in progress does; closing it lets the lock go. */
    static Connection flywayLockHeld(TestPostgres postgres, String database) throws SQLException {
        Connection session = postgres.superuser(database).getConnection();
        try (PreparedStatement lock = session.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, FLYWAY_LOCK);
            lock.execute();
        } catch (SQLException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** A department inserted straight into the schema, open to any SQL a test runs on it; its id. */
    static long department(JdbcClient sql, String prefix) {
        return sql.sql("""
                        INSERT INTO dqms.department (name, prefix, time_zone, daily_capacity, target_wait_minutes)
                        VALUES (:name, :prefix, 'UTC', 1000, 30)
                        RETURNING id
                        """)
                .param("name", "Department " + prefix)
                .param("prefix", prefix)
                .query(Long.class)
                .single();
    }
}
