package org.dqms.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.dqms.platform.ServerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what removed webhook endpoints leave: their delivery log, then the endpoints themselves.
 * Each batch is one statement in a transaction of its own, so no delete holds many rows locked for
 * long, and one run deletes {@link #MAX_BATCHES} batches at most, so a large log does not hold up
 * the other scheduled jobs; the next run goes on. An endpoint is deleted only {@link #GRACE} after
 * its removal: a token event that read it as active just before must still find it to write its row.
 */
@Component
@ServerOnly
class RemovedEndpointsPurge {

    static final Duration GRACE = Duration.ofMinutes(1);
    static final int BATCH = 1000;
    static final int MAX_BATCHES = 50;

    private static final Logger log = LoggerFactory.getLogger(RemovedEndpointsPurge.class);

    private final WebhookEndpoints endpoints;
    private final Clock clock;

    RemovedEndpointsPurge(WebhookEndpoints endpoints, Clock clock) {
        this.endpoints = endpoints;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void run() {
        int deleted = purge(clock.instant());
        if (deleted > 0) {
            log.info("Deleted {} deliveries of removed webhook endpoints", deleted);
        }
    }

    /** Deletes the rows of endpoints removed over {@link #GRACE} before {@code now}; how many. */
    int purge(Instant now) {
        Instant removedBefore = now.minus(GRACE);
        int deleted = 0;
        for (int batches = 0; batches < MAX_BATCHES; batches++) {
            int batch = endpoints.deleteDeliveriesOfRemoved(removedBefore, BATCH);
            deleted += batch;
            if (batch < BATCH) {
                endpoints.deleteRemoved(removedBefore);
                break;
            }
        }
        return deleted;
    }
}
