package org.dqms.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Asks the server who and how we are connected: user, privileges, TLS, limits, latency. */
final class ConnectionInspector {

    private static final String PING = "SELECT 1";

    private static final String INSPECT = """
            SELECT current_setting('server_version') AS server_version,
                   current_user AS user_name,
                   session_user AS login_name,
                   r.rolsuper AS superuser,
                   COALESCE((SELECT pg_has_role(current_user, n.nspowner, 'MEMBER')
                               FROM pg_namespace n
                              WHERE n.nspname = :schema), false) AS schema_owner,
                   COALESCE(s.ssl, false) AS ssl,
                   s.version AS tls_protocol,
                   s.cipher AS tls_cipher,
                   current_setting('max_connections')::int AS max_connections,
                   current_setting('superuser_reserved_connections')::int AS superuser_reserved_connections,
                   COALESCE(current_setting('reserved_connections', true)::int, 0) AS reserved_connections
              FROM pg_roles r
              LEFT JOIN pg_stat_ssl s ON s.pid = pg_backend_pid()
             WHERE r.rolname = current_user
            """;

    /** A superuser is not held to its CONNECTION LIMIT, so it counts as having none. */
    private static final String CONNECTION_LIMITS = """
            SELECT rolname, CASE WHEN rolsuper THEN -1 ELSE rolconnlimit END AS connection_limit
              FROM pg_roles
             WHERE rolname IN (:roles)
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

    /** The CONNECTION LIMIT of each of the roles that exists, -1 for none. */
    static Map<String, Integer> connectionLimits(DataSource dataSource, Collection<String> roles) {
        return JdbcClient.create(dataSource)
                .sql(CONNECTION_LIMITS)
                .param("roles", roles)
                .query((rows, n) -> Map.entry(rows.getString("rolname"), rows.getInt("connection_limit")))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
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
                rows.getString("login_name"),
                rows.getBoolean("superuser"),
                rows.getBoolean("schema_owner"),
                new ConnectionReport.Tls(
                        rows.getBoolean("ssl"), rows.getString("tls_protocol"), rows.getString("tls_cipher")),
                new ServerSlots(
                        rows.getInt("max_connections"),
                        rows.getInt("superuser_reserved_connections"),
                        rows.getInt("reserved_connections")),
                latency);
    }
}
