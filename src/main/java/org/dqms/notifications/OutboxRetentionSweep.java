package org.dqms.notifications;

import java.time.Clock;
import java.time.Instant;
import org.dqms.platform.ServerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes sent messages once they are {@code DQMS_NOTIFY_RETENTION} old, so that the outbox does
 * not keep patients' numbers and addresses for ever. Every ten minutes on every instance; each
 * batch is one statement in a transaction of its own, and another instance's sweep skips the rows
 * it holds. One run deletes {@link #MAX_BATCHES} batches at most, so that the first run on a large
 * outbox does not hold up the other scheduled jobs; the next run goes on. FAILED and unsent
 * messages stay; an unsent one that no instance sends ends FAILED ({@link UnsendableSweep}).
 */
@Component
@ServerOnly
class OutboxRetentionSweep {

    static final int BATCH = 1000;
    static final int MAX_BATCHES = 50;

    private static final Logger log = LoggerFactory.getLogger(OutboxRetentionSweep.class);

    private final OutboxRepository outbox;
    private final NotificationSettings settings;
    private final Clock clock;

    OutboxRetentionSweep(OutboxRepository outbox, NotificationSettings settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT5M")
    void run() {
        int deleted = sweep(clock.instant());
        if (deleted > 0) {
            log.info("Deleted {} notifications sent more than {} ago", deleted, settings.retention());
        }
    }

    /** Deletes what was sent before {@code now} minus the retention, up to the bound of a run; how many. */
    int sweep(Instant now) {
        Instant before = now.minus(settings.retention());
        int deleted = 0;
        for (int batches = 0; batches < MAX_BATCHES; batches++) {
            int batch = outbox.deleteSent(before, BATCH);
            deleted += batch;
            if (batch < BATCH) {
                break;
            }
        }
        return deleted;
    }
}
