package org.dqms.database;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: both connections answer, with their TLS state. It shows no host, user or
 * version, since health is public.
 */
@Component
class DatabaseHealthIndicator implements HealthIndicator {

    private final DatabaseConnections connections;
    // A direct session costs a connection and a TLS handshake; its TLS state cannot change.
    private volatile Map<String, Object> direct;

    DatabaseHealthIndicator(DatabaseConnections connections) {
        this.connections = connections;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up()
                .withDetail(
                        "pooled",
                        describe(connections.pooled(), connections.targets().pooled()));
        if (connections.targets().directProblem().isEmpty()) {
            if (direct == null) {
                direct = describe(
                        connections.direct(DatabaseConnections.CHECK_NAME),
                        connections.targets().direct());
            }
            health.withDetail("direct", direct);
        }
        return health.build();
    }

    /**
     * {@code tls} is what pg_stat_ssl says of the session's client. Behind a pooler that client is
     * the pooler, so {@code tlsToPooler} adds dqms' own leg: encrypted whenever the URL's sslmode
     * requires it, since pgjdbc does not connect otherwise.
     */
    private static Map<String, Object> describe(DataSource dataSource, PostgresUrl url) {
        ConnectionReport report = ConnectionInspector.inspect(dataSource);
        Map<String, Object> details = new LinkedHashMap<>();
        if (SessionTls.seenThroughPooler(url)) {
            details.put("tlsToPooler", url.sslMode().requiresTls());
        }
        details.put("tls", report.tls().on());
        if (report.tls().on()) {
            details.put("tlsProtocol", report.tls().protocol());
            details.put("tlsCipher", report.tls().cipher());
        }
        details.put("latencyMillis", report.latencyMillis());
        return details;
    }
}
