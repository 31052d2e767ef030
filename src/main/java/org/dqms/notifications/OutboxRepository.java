package org.dqms.notifications;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dqms.queue.NotifyChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox: intents stored with their queue change, claimed under a lease, marked once done. */
@Repository
class OutboxRepository {

    // A second intent with the same key (the same call told twice) is dropped.
    private static final String INSERT = """
            INSERT INTO dqms.notification_outbox (idempotency_key, kind, channel, token_id, recipient, subject,
                                                  body, status, next_attempt_at, created_at)
            VALUES (:key, :kind, :channel, :tokenId, :recipient, :subject, :body, 'PENDING', :now, :now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """;

    // Due messages, and those whose sender's lease ran out (it crashed or was stopped mid-send);
    // SKIP LOCKED lets several instances claim side by side. Patients' messages come first: an
    // integrator's slow or dead endpoint must not keep "please go to room 4" waiting behind older
    // webhook rows. notification_outbox_claim holds the rows in that order.
    private static final String CLAIM = """
            WITH claimed AS (
                UPDATE dqms.notification_outbox o
                   SET status = 'SENDING', attempts = o.attempts + 1, lease_until = :leaseUntil
                 WHERE o.id IN (SELECT c.id FROM dqms.notification_outbox c
                                 WHERE c.status IN ('PENDING', 'SENDING') AND c.next_attempt_at <= :now
                                   AND (c.lease_until IS NULL OR c.lease_until < :now)
                                   -- Only what this instance can send: one without a provider
                                   -- leaves the message to an instance that has one.
                                   AND (c.channel = ANY(:channels) OR c.endpoint_id IS NOT NULL)
                                   -- A removed endpoint's rows wait for the purge that deletes them.
                                   AND (c.endpoint_id IS NULL
                                        OR EXISTS (SELECT 1 FROM dqms.webhook_endpoint w
                                                    WHERE w.id = c.endpoint_id AND w.removed_at IS NULL))
                                   -- An integrator gets a token's events in order: none before the
                                   -- one ahead of it has been sent (or has failed for good).
                                   AND NOT EXISTS (SELECT 1 FROM dqms.notification_outbox e
                                                    WHERE c.endpoint_id IS NOT NULL AND e.endpoint_id = c.endpoint_id
                                                      AND e.token_id = c.token_id AND e.id < c.id
                                                      AND e.status IN ('PENDING', 'SENDING'))
                                 ORDER BY (c.endpoint_id IS NOT NULL), c.next_attempt_at, c.id
                                 LIMIT :batch
                                 FOR UPDATE SKIP LOCKED)
                RETURNING o.id, o.idempotency_key, o.channel, o.recipient, o.subject, o.body, o.attempts,
                          o.endpoint_id, o.next_attempt_at)
            -- In the same order to the dispatcher, which sends them one after another.
            SELECT id, idempotency_key, channel, recipient, subject, body, attempts, endpoint_id FROM claimed
             ORDER BY (endpoint_id IS NOT NULL), next_attempt_at, id
            """;

    // The marks hold only while the lease they were claimed under does: once it ran out, another
    // instance may have claimed the message again, and its outcome is the one that counts.
    private static final String SENT = """
            UPDATE dqms.notification_outbox SET status = 'SENT', sent_at = :now, lease_until = NULL, last_error = NULL
             WHERE id = :id AND lease_until = :leaseUntil
            """;

    private static final String RETRY = """
            UPDATE dqms.notification_outbox
               SET status = :status, next_attempt_at = :nextAttemptAt, lease_until = NULL, last_error = :error
             WHERE id = :id AND lease_until = :leaseUntil
            """;

    // Claimed but not tried: due again at once, the claim's attempt not counted.
    private static final String RELEASE = """
            UPDATE dqms.notification_outbox
               SET status = 'PENDING', attempts = attempts - 1, lease_until = NULL
             WHERE id = :id AND lease_until = :leaseUntil
            """;

    private static final String VIEW_COLUMNS =
            "o.id, o.kind, o.channel, o.token_id, o.recipient, o.status, o.attempts, o.last_error, o.created_at, o.sent_at";

    private static final String OF_TOKEN =
            "SELECT " + VIEW_COLUMNS + " FROM dqms.notification_outbox o WHERE o.token_id = :tokenId ORDER BY o.id";

    // Served by notification_outbox_failed (OutboxRetentionTest asks the planner).
    static final String FAILURES = "SELECT " + VIEW_COLUMNS
            + " FROM dqms.notification_outbox o WHERE o.status = 'FAILED' ORDER BY o.id DESC LIMIT 200";

    private static final String FIND = "SELECT " + VIEW_COLUMNS + " FROM dqms.notification_outbox o WHERE o.id = :id";

    // Only for an endpoint still active: the list of endpoints it was chosen from may be a second old.
    private static final String INSERT_WEBHOOK = """
            INSERT INTO dqms.notification_outbox (idempotency_key, kind, channel, endpoint_id, token_id, recipient,
                                                  body, status, next_attempt_at, created_at)
            SELECT CAST(:key AS text), CAST(:kind AS text), 'WEBHOOK', e.id, CAST(:tokenId AS bigint),
                   CAST(:recipient AS text), CAST(:body AS text), 'PENDING', CAST(:now AS timestamptz),
                   CAST(:now AS timestamptz)
              FROM dqms.webhook_endpoint e
             WHERE e.id = :endpointId AND e.active
            ON CONFLICT (idempotency_key) DO NOTHING
            """;

    private static final String INSERT_FOR_APPOINTMENT = "INSERT INTO dqms.notification_outbox (idempotency_key,"
            + " kind, channel, recipient, subject, body, status, next_attempt_at, created_at)"
            + " VALUES (:key, :kind, :channel, :recipient, :subject, :body, 'PENDING', :now, :now)"
            + " ON CONFLICT (idempotency_key) DO NOTHING";

    private static final String OF_ENDPOINT = "SELECT " + VIEW_COLUMNS
            + " FROM dqms.notification_outbox o WHERE o.endpoint_id = :endpointId ORDER BY o.id DESC LIMIT 500";

    // An operator's retry: a fresh set of attempts, due now.
    private static final String RETRY_FAILED = "UPDATE dqms.notification_outbox"
            + " SET status = 'PENDING', attempts = 0, next_attempt_at = :now, last_error = NULL"
            + " WHERE id = :id AND status = 'FAILED'";

    // The number of a failed SMS or WhatsApp, to check for a STOP before it is retried.
    private static final String FAILED_PHONE = "SELECT recipient FROM dqms.notification_outbox"
            + " WHERE id = :id AND status = 'FAILED' AND channel IN ('SMS', 'WHATSAPP')";

    // Sent messages past their retention, a batch at a time; another instance's sweep may hold some.
    private static final String DELETE_SENT = """
            DELETE FROM dqms.notification_outbox
             WHERE id IN (SELECT s.id FROM dqms.notification_outbox s
                           WHERE s.status = 'SENT' AND s.sent_at < :before
                           LIMIT :batch
                           FOR UPDATE SKIP LOCKED)
            """;

    // Patients' messages on a channel that no instance has claimed for a while after they fell due
    // (or since the lease of a claim ran out): the instances that sweep leave out the channels they
    // send, which they would have claimed. A batch at a time; another instance's sweep, or a claim,
    // may hold some. notification_outbox_claim holds the rows by due time.
    static final String FAIL_UNCLAIMED = """
            WITH failed AS (
                UPDATE dqms.notification_outbox o
                   SET status = 'FAILED', lease_until = NULL, last_error = 'no instance of dqms sends ' || o.channel || :why
                 WHERE o.id IN (SELECT u.id FROM dqms.notification_outbox u
                                 WHERE u.status IN ('PENDING', 'SENDING') AND (u.endpoint_id IS NOT NULL) IS FALSE
                                   AND u.next_attempt_at < :before
                                   AND (u.lease_until IS NULL OR u.lease_until < :before)
                                   AND u.channel <> ALL(:channels)
                                 LIMIT :batch
                                 FOR UPDATE SKIP LOCKED)
                RETURNING o.channel)
            SELECT channel, count(*) AS failed FROM failed GROUP BY channel
            """;

    /** A message as administrators see it: the recipient masked, never the text. */
    record Delivery(
            long id,
            String kind,
            String channel,
            Long tokenId,
            String recipient,
            String status,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant sentAt) {}

    /** A claimed message and how many attempts it has had, this one included. */
    record Claimed(Message message, int attempts) {}

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores an intent; false if one with the key exists. Runs in the caller's transaction. */
    boolean add(
            String key,
            String kind,
            NotifyChannel channel,
            long tokenId,
            String recipient,
            String subject,
            String body,
            Instant now) {
        return jdbc.sql(INSERT)
                        .param("key", key)
                        .param("kind", kind)
                        .param("channel", channel.name())
                        .param("tokenId", tokenId)
                        .param("recipient", recipient)
                        .param("subject", subject)
                        .param("body", body)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Claims up to {@code batch} due messages: webhooks, and patients' messages on {@code channels}. */
    List<Claimed> claim(Instant now, Instant leaseUntil, int batch, Set<NotifyChannel> channels) {
        return jdbc.sql(CLAIM)
                .param("now", Timestamp.from(now))
                .param("leaseUntil", Timestamp.from(leaseUntil))
                .param("batch", batch)
                .param("channels", channels.stream().map(NotifyChannel::name).toArray(String[]::new))
                .query((rows, n) -> new Claimed(
                        new Message(
                                rows.getLong("id"),
                                rows.getString("idempotency_key"),
                                channel(rows.getString("channel")),
                                rows.getString("recipient"),
                                rows.getString("subject"),
                                rows.getString("body"),
                                rows.getObject("endpoint_id", Long.class)),
                        rows.getInt("attempts")))
                .list();
    }

    List<Delivery> ofToken(long tokenId) {
        return jdbc.sql(OF_TOKEN)
                .param("tokenId", tokenId)
                .query(OutboxRepository::delivery)
                .list();
    }

    List<Delivery> failures() {
        return jdbc.sql(FAILURES).query(OutboxRepository::delivery).list();
    }

    Optional<Delivery> find(long id) {
        return jdbc.sql(FIND).param("id", id).query(OutboxRepository::delivery).optional();
    }

    /** FAILED back to PENDING; false if the message is not FAILED. */
    boolean retry(long id, Instant now) {
        return jdbc.sql(RETRY_FAILED)
                        .param("id", id)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** The phone number of the message, if it is a FAILED SMS or WhatsApp. */
    Optional<String> failedPhone(long id) {
        return jdbc.sql(FAILED_PHONE).param("id", id).query(String.class).optional();
    }

    private static Delivery delivery(java.sql.ResultSet rows, int n) throws java.sql.SQLException {
        String recipient = rows.getString("recipient");
        Timestamp sent = rows.getTimestamp("sent_at");
        return new Delivery(
                rows.getLong("id"),
                rows.getString("kind"),
                rows.getString("channel"),
                rows.getObject("token_id", Long.class),
                // An integrator's URL is no personal data; a phone or email is shown masked.
                rows.getString("channel").equals("WEBHOOK") ? recipient : Message.mask(recipient),
                rows.getString("status"),
                rows.getInt("attempts"),
                rows.getString("last_error"),
                rows.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }

    /** A message about an appointment (no token yet, or none at all); false if it is stored already. */
    boolean addForAppointment(
            String key,
            String kind,
            NotifyChannel channel,
            String recipient,
            String subject,
            String body,
            Instant now) {
        return jdbc.sql(INSERT_FOR_APPOINTMENT)
                        .param("key", key)
                        .param("kind", kind)
                        .param("channel", channel.name())
                        .param("recipient", recipient)
                        .param("subject", subject)
                        .param("body", body)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** An event for an integrator's endpoint; false if it is stored already. */
    boolean addWebhook(String key, String type, long endpointId, long tokenId, String url, String body, Instant now) {
        return jdbc.sql(INSERT_WEBHOOK)
                        .param("key", key)
                        .param("kind", type)
                        .param("endpointId", endpointId)
                        .param("tokenId", tokenId)
                        .param("recipient", url)
                        .param("body", body)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    List<Delivery> ofEndpoint(long endpointId) {
        return jdbc.sql(OF_ENDPOINT)
                .param("endpointId", endpointId)
                .query(OutboxRepository::delivery)
                .list();
    }

    private static NotifyChannel channel(String value) {
        return value.equals("WEBHOOK") ? null : NotifyChannel.valueOf(value);
    }

    /** Marks the message SENT; false if the lease it was claimed under has been taken over. */
    boolean sent(long id, Instant leaseUntil, Instant now) {
        return jdbc.sql(SENT)
                        .param("id", id)
                        .param("leaseUntil", Timestamp.from(leaseUntil))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Back to PENDING for another attempt at {@code next}, or FAILED for good when next is null;
     * false if the lease it was claimed under has been taken over.
     */
    boolean failed(long id, Instant leaseUntil, Instant next, String error, Instant now) {
        return jdbc.sql(RETRY)
                        .param("id", id)
                        .param("leaseUntil", Timestamp.from(leaseUntil))
                        .param("status", next == null ? "FAILED" : "PENDING")
                        .param("nextAttemptAt", Timestamp.from(next == null ? now : next))
                        .param("error", error, Types.VARCHAR)
                        .update()
                == 1;
    }

    /** Deletes up to {@code batch} messages sent before {@code before}; how many. */
    int deleteSent(Instant before, int batch) {
        return jdbc.sql(DELETE_SENT)
                .param("before", Timestamp.from(before))
                .param("batch", batch)
                .update();
    }

    /**
     * Fails up to {@code batch} patients' messages on channels other than {@code sent}, due (or
     * claimed under a lease that ran out) before {@code before}, with the last error "no instance of
     * dqms sends CHANNEL" and {@code why}; how many on each channel.
     */
    Map<String, Integer> failUnclaimed(Instant before, Set<NotifyChannel> sent, String why, int batch) {
        return jdbc
                .sql(FAIL_UNCLAIMED)
                .param("before", Timestamp.from(before))
                .param("channels", sent.stream().map(NotifyChannel::name).toArray(String[]::new))
                .param("why", why)
                .param("batch", batch)
                .query((rows, n) -> Map.entry(rows.getString("channel"), rows.getInt("failed")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Integer::sum, TreeMap::new));
    }

    /** Gives a claimed message back untried, due at once. */
    void release(long id, Instant leaseUntil) {
        jdbc.sql(RELEASE)
                .param("id", id)
                .param("leaseUntil", Timestamp.from(leaseUntil))
                .update();
    }
}
