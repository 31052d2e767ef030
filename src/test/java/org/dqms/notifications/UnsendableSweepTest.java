package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dqms.queue.NotifyChannel;
import org.dqms.testing.AllAtOnce;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A patient's message on a channel that no instance sends (this one sends none) ends FAILED an hour
 * after it fell due, once, in the administrators' failures and the failure metric; one on a channel
 * the instance sends is left to its claim.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class UnsendableSweepTest {

    // Ahead of the application's clock, so that its own scheduled sweep leaves these rows alone.
    private static final Instant DUE = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MILLIS);
    private static final Instant AN_HOUR_LATER = DUE.plus(UnsendableSweep.UNCLAIMED);

    @Autowired
    UnsendableSweep sweep;

    @Autowired
    OutboxRepository outbox;

    @Autowired
    NotificationFailures failures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    /**
     * The sweep counts every unsent patients' message in the database, and test classes that ran
     * before may have left some on channels this context has no sender for.
     */
    @BeforeEach
    void withoutUnsentMessagesOfOtherTests() {
        jdbc.sql("DELETE FROM dqms.notification_outbox WHERE status IN ('PENDING', 'SENDING') AND endpoint_id IS NULL")
                .update();
    }

    @AfterEach
    void clean() {
        OutboxRows.deleteReminders(jdbc);
    }

    @Test
    void aMessageNoInstanceSendsFailsOnceAnHourAfterItWasDueAndNotBefore() {
        long sms = OutboxRows.reminder(jdbc, "unsendable:sms", NotifyChannel.SMS, DUE);
        long email = OutboxRows.reminder(jdbc, "unsendable:email", NotifyChannel.EMAIL, DUE);
        double counted = failures.counter("SMS").count();

        assertThat(sweep.sweep(AN_HOUR_LATER)).isEmpty();
        assertThat(OutboxRows.row(jdbc, sms)).containsEntry("status", "PENDING");

        assertThat(sweep.sweep(AN_HOUR_LATER.plusMillis(1))).isEqualTo(Map.of("EMAIL", 1, "SMS", 1));
        assertThat(OutboxRows.row(jdbc, sms))
                .containsEntry("status", "FAILED")
                .containsEntry("last_error", "no instance of dqms sends SMS: not claimed for an hour after it was due");
        assertThat(OutboxRows.row(jdbc, email))
                .containsEntry(
                        "last_error", "no instance of dqms sends EMAIL: not claimed for an hour after it was due");
        assertThat(outbox.failures()).extracting(OutboxRepository.Delivery::id).contains(sms, email);
        assertThat(failures.counter("SMS").count()).isEqualTo(counted + 1);

        assertThat(sweep.sweep(AN_HOUR_LATER.plusSeconds(60))).isEmpty();
        assertThat(failures.counter("SMS").count()).isEqualTo(counted + 1);
    }

    /** A claim whose instance went away counts from the end of its lease. */
    @Test
    void aClaimFailsAnHourAfterItsLeaseRanOut() {
        long sms = OutboxRows.reminder(jdbc, "unsendable:claimed", NotifyChannel.SMS, DUE);
        Instant leaseUntil = DUE.plusSeconds(60);
        jdbc.sql("UPDATE dqms.notification_outbox SET status = 'SENDING', attempts = 1, lease_until = :leaseUntil"
                        + " WHERE id = :id")
                .param("leaseUntil", Timestamp.from(leaseUntil))
                .param("id", sms)
                .update();

        assertThat(sweep.sweep(AN_HOUR_LATER.plusMillis(1))).isEmpty();
        assertThat(OutboxRows.row(jdbc, sms)).containsEntry("status", "SENDING");

        assertThat(sweep.sweep(leaseUntil.plus(UnsendableSweep.UNCLAIMED).plusMillis(1)))
                .isEqualTo(Map.of("SMS", 1));
        assertThat(OutboxRows.row(jdbc, sms)).containsEntry("status", "FAILED").containsEntry("lease_until", null);
    }

    @Test
    void aMessageOnAChannelThisInstanceSendsIsLeftToItsClaim() {
        UnsendableSweep sendingSms =
                new UnsendableSweep(outbox, () -> Set.of(NotifyChannel.SMS), failures, Clock.systemUTC());
        long sms = OutboxRows.reminder(jdbc, "unsendable:sent-here", NotifyChannel.SMS, DUE);
        long email = OutboxRows.reminder(jdbc, "unsendable:sent-elsewhere", NotifyChannel.EMAIL, DUE);

        assertThat(sendingSms.sweep(AN_HOUR_LATER.plus(Duration.ofDays(1)))).isEqualTo(Map.of("EMAIL", 1));

        assertThat(OutboxRows.row(jdbc, sms))
                .containsEntry("status", "PENDING")
                .containsEntry("attempts", 0)
                .containsEntry("last_error", null);
        assertThat(OutboxRows.row(jdbc, email)).containsEntry("status", "FAILED");
    }

    @Test
    void instancesSweepingAtOnceFailEachMessageOnce() throws Exception {
        int unsendable = 2 * UnsendableSweep.BATCH + 500;
        OutboxRows.reminders(jdbc, "unsendable-raced:", unsendable, "PENDING", DUE);
        double counted = failures.counter("SMS").count();

        Map<Integer, Map<String, Integer>> failed =
                AllAtOnce.run(List.of(1, 2, 3, 4), instance -> sweep.sweep(AN_HOUR_LATER.plusSeconds(1)));

        assertThat(failed.values().stream()
                        .mapToInt(counts -> counts.getOrDefault("SMS", 0))
                        .sum())
                .isEqualTo(unsendable);
        assertThat(OutboxRows.count(jdbc, "FAILED")).isEqualTo(unsendable);
        assertThat(OutboxRows.count(jdbc, "PENDING")).isZero();
        assertThat(failures.counter("SMS").count()).isEqualTo(counted + unsendable);
    }

    /** On the application's clock, as scheduled; its own run may come first, and log the same line. */
    @Test
    void aRunLogsTheCountsOfEachChannelOnceWithoutRecipients(CapturedOutput output) {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        OutboxRows.reminder(jdbc, "unsendable-logged:sms", NotifyChannel.SMS, twoHoursAgo);
        OutboxRows.reminders(jdbc, "unsendable-logged:more-sms-", 2, "PENDING", twoHoursAgo);
        OutboxRows.reminder(jdbc, "unsendable-logged:email", NotifyChannel.EMAIL, twoHoursAgo);

        sweep.run();

        List<String> warnings = output.getAll()
                .lines()
                .filter(line -> line.contains("Notifications FAILED"))
                .toList();
        assertThat(warnings)
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("WARN")
                        .contains("no instance of dqms sends")
                        .endsWith("{EMAIL=1, SMS=3}"));
        assertThat(output.getAll()).doesNotContain("+919800000001").doesNotContain("reminder@outbox.example");
    }

    @Test
    void theSweepReadsTheUnsentRowsFromTheClaimIndex() {
        OutboxRows.reminders(jdbc, "unsendable-sent:", 3000, "SENT", DUE);
        String plan = OutboxRows.planWithoutSequentialScans(
                jdbc,
                transaction,
                OutboxRepository.FAIL_UNCLAIMED,
                Map.of(
                        "before",
                        Timestamp.from(DUE),
                        "channels",
                        new String[] {"SMS"},
                        "why",
                        UnsendableSweep.WHY,
                        "batch",
                        UnsendableSweep.BATCH));
        // Patients' rows due before the bound only, not every unsent row, nor the sent ones.
        // "Index Scan using notification_outbox_claim on ..." or "Bitmap Index Scan on notification_outbox_claim".
        assertThat(plan)
                .containsPattern("Index Scan (using|on) notification_outbox_claim")
                .contains("Index Cond: (((endpoint_id IS NOT NULL) = false) AND (next_attempt_at < ");
    }
}
