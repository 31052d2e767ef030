package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dqms.testing.AllAtOnce;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox keeps sent messages for DQMS_NOTIFY_RETENTION (30 days by default), deleted in bounded
 * runs that instances may make at once, and the failures list reads an index of its own, not the
 * whole outbox.
 */
@IntegrationTest
class OutboxRetentionTest {

    private static final Instant NOW = Instant.now();
    private static final Instant OLD = NOW.minus(Duration.ofDays(31));

    @Autowired
    OutboxRetentionSweep sweep;

    @Autowired
    OutboxRepository outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @AfterEach
    void clean() {
        OutboxRows.deleteReminders(jdbc);
    }

    @Test
    void theSweepDeletesSentMessagesPastTheRetentionAndKeepsTheRest() {
        OutboxRows.reminders(jdbc, "old-sent:", 2 * OutboxRetentionSweep.BATCH + 500, "SENT", OLD);
        OutboxRows.reminders(jdbc, "recent-sent:", 3, "SENT", NOW.minus(Duration.ofDays(29)));
        OutboxRows.reminders(jdbc, "old-failed:", 2, "FAILED", OLD);
        OutboxRows.reminders(jdbc, "old-pending:", 1, "PENDING", OLD);
        // Due ahead, so that UnsendableSweep, running in this context on a channel it has no sender
        // for, leaves it alone: only the retention sweep is under test.
        jdbc.sql("UPDATE dqms.notification_outbox SET next_attempt_at = :due WHERE idempotency_key = 'old-pending:1'")
                .param("due", Timestamp.from(NOW.plus(Duration.ofDays(1))))
                .update();

        assertThat(sweep.sweep(NOW)).isEqualTo(2 * OutboxRetentionSweep.BATCH + 500);

        assertThat(OutboxRows.count(jdbc, "SENT")).isEqualTo(3);
        assertThat(OutboxRows.count(jdbc, "FAILED")).isEqualTo(2);
        assertThat(OutboxRows.count(jdbc, "PENDING")).isEqualTo(1);
        assertThat(sweep.sweep(NOW)).isZero();
    }

    @Test
    void oneRunDeletesAtMostItsBatchesAndTheNextGoesOn() {
        int perRun = OutboxRetentionSweep.MAX_BATCHES * OutboxRetentionSweep.BATCH;
        OutboxRows.reminders(jdbc, "backlog-sent:", perRun + 10, "SENT", OLD);

        assertThat(sweep.sweep(NOW)).isEqualTo(perRun);
        assertThat(sweep.sweep(NOW)).isEqualTo(10);
        assertThat(OutboxRows.count(jdbc, "SENT")).isZero();
    }

    @Test
    void instancesSweepingAtOnceDeleteEachMessageOnce() throws Exception {
        int old = 4 * OutboxRetentionSweep.BATCH;
        OutboxRows.reminders(jdbc, "raced-sent:", old, "SENT", OLD);

        Map<Integer, Integer> deleted = AllAtOnce.run(List.of(1, 2, 3), instance -> sweep.sweep(NOW));

        assertThat(deleted.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(old);
        assertThat(OutboxRows.count(jdbc, "SENT")).isZero();
    }

    @Test
    void theFailuresAreReadNewestFirstFromTheirIndex() {
        OutboxRows.reminders(jdbc, "sent:", 3000, "SENT", NOW);
        OutboxRows.reminders(jdbc, "failed:", 3, "FAILED", NOW);

        List<Long> failures =
                outbox.failures().stream().map(OutboxRepository.Delivery::id).toList();
        assertThat(failures).hasSize(3).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(OutboxRows.planWithoutSequentialScans(jdbc, transaction, OutboxRepository.FAILURES, Map.of()))
                .contains("on notification_outbox_failed");
    }
}
