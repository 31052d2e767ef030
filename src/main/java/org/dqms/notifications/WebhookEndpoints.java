package org.dqms.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Integrators' endpoints. The secret is read only to sign; the API never shows it again. */
@Repository
class WebhookEndpoints {

    private static final String INSERT = """
            INSERT INTO dqms.webhook_endpoint (url, secret, events, created_at)
            VALUES (:url, :secret, :events, :now)
            RETURNING id
            """;

    private static final String COLUMNS = "id, url, secret, events, active, created_at";

    private static final String ALL = "SELECT " + COLUMNS + " FROM dqms.webhook_endpoint ORDER BY id";

    private static final String FIND = "SELECT " + COLUMNS + " FROM dqms.webhook_endpoint WHERE id = :id";

    private static final String ACTIVE = "SELECT " + COLUMNS + " FROM dqms.webhook_endpoint WHERE active ORDER BY id";

    private static final String DELETE = "DELETE FROM dqms.webhook_endpoint WHERE id = :id";

    /** An endpoint; {@code secret} stays inside dqms. */
    record Endpoint(long id, String url, String secret, List<String> events, boolean active, Instant createdAt) {}

    private final JdbcClient jdbc;

    WebhookEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long add(String url, String secret, List<String> events, Instant now) {
        return jdbc.sql(INSERT)
                .param("url", url)
                .param("secret", secret)
                .param("events", events.toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    List<Endpoint> all() {
        return jdbc.sql(ALL).query(WebhookEndpoints::endpoint).list();
    }

    Optional<Endpoint> find(long id) {
        return jdbc.sql(FIND).param("id", id).query(WebhookEndpoints::endpoint).optional();
    }

    List<Endpoint> active() {
        return jdbc.sql(ACTIVE).query(WebhookEndpoints::endpoint).list();
    }

    boolean delete(long id) {
        return jdbc.sql(DELETE).param("id", id).update() == 1;
    }

    private static Endpoint endpoint(java.sql.ResultSet rows, int n) throws java.sql.SQLException {
        return new Endpoint(
                rows.getLong("id"),
                rows.getString("url"),
                rows.getString("secret"),
                Arrays.asList((String[]) rows.getArray("events").getArray()),
                rows.getBoolean("active"),
                rows.getTimestamp("created_at").toInstant());
    }
}
