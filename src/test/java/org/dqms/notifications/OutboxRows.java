package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dqms.queue.NotifyChannel;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reminders stored in the outbox for the dispatcher to send, and their rows as the database keeps them. */
final class OutboxRows {

    private OutboxRows() {}

    /** Stores a reminder on the channel under this key, due at {@code now}; its id. */
    static long reminder(JdbcClient jdbc, String key, NotifyChannel channel, Instant now) {
        String recipient = channel == NotifyChannel.EMAIL ? "reminder@outbox.example" : "+919800000001";
        assertThat(new OutboxRepository(jdbc).addReminder(key, channel, recipient, "Reminder", "Reminder " + key, now))
                .isTrue();
        return jdbc.sql("SELECT id FROM dqms.notification_outbox WHERE idempotency_key = :key")
                .param("key", key)
                .query(Long.class)
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

    /** Removes every reminder, as a test cleans up. */
    static void deleteReminders(JdbcClient jdbc) {
        jdbc.sql("DELETE FROM dqms.notification_outbox WHERE kind = 'REMINDER'").update();
    }
}
