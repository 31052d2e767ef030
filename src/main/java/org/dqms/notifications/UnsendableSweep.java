package org.dqms.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.dqms.platform.ServerOnly;
import org.dqms.queue.NotificationChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fails the patients' messages that no instance sends. Each instance claims only the channels it
 * has a sender for, so a message on another channel (the SMS provider was unset after it was
 * stored, or only an instance that has since gone had SMTP) would stay PENDING for ever, failing
 * nowhere. One that nobody has claimed for {@link #UNCLAIMED} after it fell due, or after the lease
 * of a claim whose instance went away, ends FAILED with the channel named, in the administrators'
 * list of failures and in the failure metric. By then it is of no use: a called patient who has not
 * come is a no-show after 10 minutes (the default of {@code DQMS_QUEUE_NO_SHOW_TIMEOUT}), and an
 * appointment starts within an hour of its last reminder; and a rolling deploy that brings a
 * sender back has long finished. Every minute on every instance, each leaving out the channels it
 * sends, whose messages it claims itself; the rows are taken with SKIP LOCKED, so two sweeps, or a
 * sweep and a claim, never both take a row.
 */
@Component
@ServerOnly
class UnsendableSweep {

    static final Duration UNCLAIMED = Duration.ofHours(1);
    static final String WHY = ": not claimed for an hour after it was due";
    static final int BATCH = 1000;
    static final int MAX_BATCHES = 50;

    private static final Logger log = LoggerFactory.getLogger(UnsendableSweep.class);

    private final OutboxRepository outbox;
    private final NotificationChannels channels;
    private final NotificationFailures failures;
    private final Clock clock;

    UnsendableSweep(
            OutboxRepository outbox, NotificationChannels channels, NotificationFailures failures, Clock clock) {
        this.outbox = outbox;
        this.channels = channels;
        this.failures = failures;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void run() {
        Map<String, Integer> failed = sweep(clock.instant());
        if (!failed.isEmpty()) {
            // Counts only: the messages' recipients stay out of the log.
            log.warn(
                    "Notifications FAILED, not claimed for an hour on a channel no instance of dqms sends: {}", failed);
        }
    }

    /** Fails what nobody has claimed since {@code now} minus {@link #UNCLAIMED}; how many on each channel. */
    Map<String, Integer> sweep(Instant now) {
        Instant before = now.minus(UNCLAIMED);
        Map<String, Integer> failed = new TreeMap<>();
        for (int batches = 0; batches < MAX_BATCHES; batches++) {
            Map<String, Integer> batch = outbox.failUnclaimed(before, channels.withSender(), WHY, BATCH);
            batch.forEach((channel, count) -> {
                failed.merge(channel, count, Integer::sum);
                failures.add(channel, count);
            });
            if (batch.values().stream().mapToInt(Integer::intValue).sum() < BATCH) {
                break;
            }
        }
        return failed;
    }
}
