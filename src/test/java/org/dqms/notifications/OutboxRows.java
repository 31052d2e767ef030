package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dqms.queue.NotifyChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Reminders stored in the outbox for the dispatcher to send, and their rows as the database keeps them. */
final class OutboxRows {

    private OutboxRows() {}

    /** Stores a reminder on the channel under this key, due at {@code now}; its id. */
    static long reminder(JdbcClient jdbc, String key, NotifyChannel channel, Instant now) {
        String recipient = channel == NotifyChannel.EMAIL ? "reminder@outbox.example" : "+919800000001";
        assertThat(new OutboxRepository(jdbc)
                        .addForAppointment(key, "REMINDER", channel, recipient, "Reminder", "Reminder " + key, now))
                .isTrue();
        return jdbc.sql("SELECT id FROM dqms.notification_outbox WHERE idempotency_key = :key")
                .param("key", key)
                .query(Long.class)
                .single();
    }

    /**
     * Stores {@code count} SMS reminders with the status, made at {@code at} and, when SENT, sent
     * then; their keys start with the prefix.
     */
    static void reminders(JdbcClient jdbc, String prefix, int count, String status, Instant at) {
        jdbc.sql("""
                        INSERT INTO dqms.notification_outbox (idempotency_key, kind, channel, recipient, body, status,
                                                              attempts, next_attempt_at, created_at, sent_at)
                        SELECT :prefix || n, 'REMINDER', 'SMS', '+919800000001', 'Reminder', :status, 1, :at, :at,
                               CASE WHEN :status = 'SENT' THEN CAST(:at AS timestamptz) END
                          FROM generate_series(1, :count) n
                        """)
                .param("prefix", prefix)
                .param("status", status)
                .param("at", Timestamp.from(at))
                .param("count", count)
                .update();
    }

    /** How many reminders with the status there are. */
    static int count(JdbcClient jdbc, String status) {
        return jdbc.sql("SELECT count(*) FROM dqms.notification_outbox WHERE kind = 'REMINDER' AND status = :status")
                .param("status", status)
                .query(Integer.class)
                .single();
    }

    /** The row's status, attempts, lease_until, last_error and next_attempt_at. */
    static Map<String, Object> row(JdbcClient jdbc, long id) {
        return jdbc.sql("SELECT status, attempts, lease_until, last_error, next_attempt_at"
                        + " FROM dqms.notification_outbox WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    /** The ids of the endpoint's rows, oldest first. */
    static List<Long> ofEndpoint(JdbcClient jdbc, long endpointId) {
        return jdbc.sql("SELECT id FROM dqms.notification_outbox WHERE endpoint_id = :id ORDER BY id")
                .param("id", endpointId)
                .query(Long.class)
                .list();
    }

    /**
     * The planner's plan of the statement with these parameters, sequential scans off: on a table
     * as small as a test's, one would be cheaper than any index.
     */
    static String planWithoutSequentialScans(
            JdbcClient jdbc, TransactionTemplate transaction, String sql, Map<String, ?> parameters) {
        return transaction.execute(status -> {
            jdbc.sql("SET LOCAL enable_seqscan = off").update();
            return String.join(
                    "\n",
                    jdbc.sql("EXPLAIN " + sql)
                            .params(parameters)
                            .query(String.class)
                            .list());
        });
    }

    /** Removes every reminder, as a test cleans up. */
    static void deleteReminders(JdbcClient jdbc) {
        jdbc.sql("DELETE FROM dqms.notification_outbox WHERE kind = 'REMINDER'").update();
    }
}
