package org.dqms.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Asks the server who and how we are connected: user, privileges, TLS, limits, latency. */
final class ConnectionInspector {

    private static final String PING = "SELECT 1";

    private static final String INSPECT = """
            SELECT current_setting('server_version') AS server_version,
                   current_user AS user_name,
                   r.rolsuper AS superuser,
                   COALESCE((SELECT pg_has_role(current_user, n.nspowner, 'MEMBER')
                               FROM pg_namespace n
                              WHERE n.nspname = :schema), false) AS schema_owner,
                   COALESCE(s.ssl, false) AS ssl,
                   s.version AS tls_protocol,
                   s.cipher AS tls_cipher,
                   current_setting('max_connections')::int AS max_connections,
                   current_setting('superuser_reserved_connections')::int AS reserved_connections
              FROM pg_roles r
              LEFT JOIN pg_stat_ssl s ON s.pid = pg_backend_pid()
             WHERE r.rolname = current_user
            """;

    private static final String HAS_INSTALLATION = "SELECT to_regclass('dqms.installation') IS NOT NULL";
    private static final String INSTALLATION_ID = "SELECT id::text FROM dqms.installation";

    private ConnectionInspector() {}

    /** The id that tells one dqms database from another; empty before the first migration. */
    static java.util.Optional<String> installationId(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        if (!jdbc.sql(HAS_INSTALLATION).query(Boolean.class).single()) {
            return java.util.Optional.empty();
        }
        return jdbc.sql(INSTALLATION_ID).query(String.class).optional();
    }

    static ConnectionReport inspect(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql(PING).query(Integer.class).single();
        long started = System.nanoTime();
        jdbc.sql(PING).query(Integer.class).single();
        long latency = (System.nanoTime() - started) / 1_000_000;
        return jdbc.sql(INSPECT)
                .param("schema", RoleLayout.SCHEMA)
                .query((rows, n) -> report(rows, latency))
                .single();
    }

    private static ConnectionReport report(ResultSet rows, long latency) throws SQLException {
        return new ConnectionReport(
                rows.getString("server_version"),
                rows.getString("user_name"),
                rows.getBoolean("superuser"),
                rows.getBoolean("schema_owner"),
                new ConnectionReport.Tls(
                        rows.getBoolean("ssl"), rows.getString("tls_protocol"), rows.getString("tls_cipher")),
                rows.getInt("max_connections"),
                rows.getInt("reserved_connections"),
                latency);
    }
}
