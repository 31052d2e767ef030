package org.dqms.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * The least-privilege role layout (docs/DATABASE.md): an owner that owns the schema and never logs
 * in, a migrator that acts as the owner, the application role with data access only, and a
 * read-only role for reporting. Every statement is idempotent, so applying it again repairs drift.
 */
final class RoleLayout {

    static final String SCHEMA = "dqms";
    static final String OWNER = "dqms_owner";
    static final String MIGRATOR = "dqms_migrator";
    static final String APP = "dqms_app";
    static final String READONLY = "dqms_readonly";
    static final List<String> LOGIN_ROLES = List.of(MIGRATOR, APP, READONLY);

    /**
     * How long the application's statements wait for a lock. A migration must give up waiting for
     * its own lock sooner, or they queue behind it and fail (DATABASE_MIGRATION_LOCK_TIMEOUT).
     */
    static final Duration APP_LOCK_TIMEOUT = Duration.ofSeconds(5);

    /** The longest a migration's statement runs, and so the longest a second migrate waits for it. */
    static final Duration MIGRATOR_STATEMENT_TIMEOUT = Duration.ofMinutes(30);

    private static final String CREATE_ROLES = """
            DO $$
            BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dqms_owner') THEN
                CREATE ROLE dqms_owner NOLOGIN;
              END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dqms_migrator') THEN
                CREATE ROLE dqms_migrator LOGIN;
              END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dqms_app') THEN
                CREATE ROLE dqms_app LOGIN;
              END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dqms_readonly') THEN
                CREATE ROLE dqms_readonly LOGIN;
              END IF;
            END
            $$""";

    private static final String GRANT_CONNECT = """
            DO $$
            BEGIN
              EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO dqms_migrator, dqms_app, dqms_readonly',
                             current_database());
            END
            $$""";

    private static final String REVOKE_WRITES_ON_HISTORY = """
            DO $$
            DECLARE
              reader text;
            BEGIN
              IF to_regclass('dqms.flyway_schema_history') IS NULL THEN
                RETURN;
              END IF;
              FOREACH reader IN ARRAY ARRAY['dqms_app', 'dqms_readonly'] LOOP
                IF has_table_privilege(reader, 'dqms.flyway_schema_history', 'INSERT, UPDATE, DELETE, TRUNCATE') THEN
                  EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON dqms.flyway_schema_history FROM %I', reader);
                END IF;
              END LOOP;
            END
            $$""";

    private static final List<String> LAYOUT = List.of(
            CREATE_ROLES,
            "ALTER ROLE dqms_owner NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE",
            "ALTER ROLE dqms_migrator LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE CONNECTION LIMIT 20",
            "ALTER ROLE dqms_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE CONNECTION LIMIT 200",
            "ALTER ROLE dqms_readonly LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE CONNECTION LIMIT 10",
            // The admin running this needs the owner's privileges for the grants below.
            "GRANT dqms_owner TO CURRENT_USER",
            "GRANT dqms_owner TO dqms_migrator",
            GRANT_CONNECT,
            "CREATE SCHEMA IF NOT EXISTS dqms AUTHORIZATION dqms_owner",
            "ALTER SCHEMA dqms OWNER TO dqms_owner",
            "REVOKE ALL ON SCHEMA dqms FROM PUBLIC",
            "GRANT USAGE ON SCHEMA dqms TO dqms_app, dqms_readonly",
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            "ALTER DEFAULT PRIVILEGES FOR ROLE dqms_owner IN SCHEMA dqms"
                    + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO dqms_app",
            "ALTER DEFAULT PRIVILEGES FOR ROLE dqms_owner IN SCHEMA dqms GRANT USAGE, SELECT ON SEQUENCES TO dqms_app",
            "ALTER DEFAULT PRIVILEGES FOR ROLE dqms_owner IN SCHEMA dqms GRANT SELECT ON TABLES TO dqms_readonly",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA dqms TO dqms_app",
            "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA dqms TO dqms_app",
            "GRANT SELECT ON ALL TABLES IN SCHEMA dqms TO dqms_readonly",
            REVOKE_WRITES_ON_HISTORY,
            // Session settings live on the roles, so pooled connections never need a SET.
            "ALTER ROLE dqms_app SET search_path = dqms",
            "ALTER ROLE dqms_app SET statement_timeout = '15s'",
            "ALTER ROLE dqms_app SET lock_timeout = '" + APP_LOCK_TIMEOUT.toSeconds() + "s'",
            "ALTER ROLE dqms_app SET idle_in_transaction_session_timeout = '30s'",
            "ALTER ROLE dqms_migrator SET search_path = dqms",
            // dqms' own migrator sessions set DATABASE_MIGRATION_LOCK_TIMEOUT; this is for others (psql, repair).
            "ALTER ROLE dqms_migrator SET lock_timeout = '2s'",
            "ALTER ROLE dqms_migrator SET statement_timeout = '" + MIGRATOR_STATEMENT_TIMEOUT.toMinutes() + "min'",
            "ALTER ROLE dqms_migrator SET idle_in_transaction_session_timeout = '10min'",
            "ALTER ROLE dqms_readonly SET search_path = dqms",
            "ALTER ROLE dqms_readonly SET statement_timeout = '60s'",
            "ALTER ROLE dqms_readonly SET lock_timeout = '5s'",
            "ALTER ROLE dqms_readonly SET idle_in_transaction_session_timeout = '60s'");

    private RoleLayout() {}

    /** The layout as a psql script, for a DBA who prefers to review and apply it by hand. */
    static String script() {
        return String.join(";\n", LAYOUT) + ";";
    }

    /**
     * Applies the layout on a connection of a role that may create roles (a superuser, or the
     * cloud's admin user) to the dqms database, and sets the given passwords.
     *
     * @param passwords login role name to password; roles left out keep theirs
     */
    static void apply(Connection admin, Map<String, String> passwords) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            for (String sql : LAYOUT) {
                statement.execute(sql);
            }
        }
        PGConnection pg = admin.unwrap(PGConnection.class);
        for (var entry : passwords.entrySet()) {
            // Hashed on the client (SCRAM), so the password never reaches the server's logs.
            pg.alterUserPassword(entry.getKey(), entry.getValue().toCharArray(), "scram-sha-256");
        }
    }
}
