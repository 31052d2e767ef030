package org.dqms.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Integrators' endpoints. The secret is read only to sign; the API never shows it again. A removed
 * endpoint is only marked: it is gone for the API and the senders at once, and its rows are deleted
 * later ({@link RemovedEndpointsPurge}).
 */
@Repository
class WebhookEndpoints {

    private static final String INSERT = """
            INSERT INTO dqms.webhook_endpoint (url, secret, events, created_at)
            VALUES (:url, :secret, :events, :now)
            RETURNING id
            """;

    private static final String COLUMNS = "id, url, secret, events, active, created_at";

    private static final String ALL =
            "SELECT " + COLUMNS + " FROM dqms.webhook_endpoint WHERE removed_at IS NULL ORDER BY id";

    private static final String FIND =
            "SELECT " + COLUMNS + " FROM dqms.webhook_endpoint WHERE id = :id AND removed_at IS NULL";

    private static final String ACTIVE = "SELECT " + COLUMNS + " FROM dqms.webhook_endpoint WHERE active ORDER BY id";

    // Changes no key column: the foreign key checks of token events writing rows for the endpoint
    // neither wait for this nor make it wait, and a row written meanwhile is purged with the rest.
    private static final String REMOVE = """
            UPDATE dqms.webhook_endpoint SET active = false, removed_at = :now
             WHERE id = :id AND removed_at IS NULL
            """;

    // SKIP LOCKED: instances purging side by side take different rows.
    private static final String DELETE_DELIVERIES_OF_REMOVED = """
            DELETE FROM dqms.notification_outbox
             WHERE id IN (SELECT o.id
                            FROM dqms.notification_outbox o
                            JOIN dqms.webhook_endpoint e ON e.id = o.endpoint_id
                           WHERE e.removed_at < :removedBefore
                           LIMIT :batch
                             FOR UPDATE OF o SKIP LOCKED)
            """;

    private static final String DELETE_REMOVED = """
            DELETE FROM dqms.webhook_endpoint e
             WHERE e.removed_at < :removedBefore
               AND NOT EXISTS (SELECT 1 FROM dqms.notification_outbox o WHERE o.endpoint_id = e.id)
            """;

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

    /** Marks the endpoint removed; false if there is none, or it was removed already. */
    boolean remove(long id, Instant now) {
        return jdbc.sql(REMOVE)
                        .param("id", id)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Deletes up to {@code batch} rows of endpoints removed before the time; how many. */
    int deleteDeliveriesOfRemoved(Instant removedBefore, int batch) {
        return jdbc.sql(DELETE_DELIVERIES_OF_REMOVED)
                .param("removedBefore", Timestamp.from(removedBefore))
                .param("batch", batch)
                .update();
    }

    /** Deletes the endpoints removed before the time that have no rows left; how many. */
    int deleteRemoved(Instant removedBefore) {
        return jdbc.sql(DELETE_REMOVED)
                .param("removedBefore", Timestamp.from(removedBefore))
                .update();
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
