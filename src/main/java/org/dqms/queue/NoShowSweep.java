package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.dqms.platform.Actor;
import org.dqms.platform.ServerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A CALLED token whose patient has not come within {@code noShowTimeout} of the call
 * ({@code DQMS_QUEUE_NO_SHOW_TIMEOUT}) becomes NO_SHOW, which frees the doctor for the next call.
 * Runs every 30 seconds on every instance; each token is locked and checked again, so two instances
 * never mark the same token.
 */
@Component
@ServerOnly
class NoShowSweep {

    private static final Logger log = LoggerFactory.getLogger(NoShowSweep.class);

    private static final int BATCH = 100;

    private final QueueRepository queue;
    private final TokenRepository tokens;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final QueueSettings settings;
    private final Clock clock;

    NoShowSweep(
            QueueRepository queue,
            TokenRepository tokens,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            QueueSettings settings,
            Clock clock) {
        this.queue = queue;
        this.tokens = tokens;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    void run() {
        int marked = sweep(clock.instant());
        if (marked > 0) {
            log.info("{} called tokens marked no-show after {}", marked, timeout());
        }
    }

    /** Marks NO_SHOW every token still CALLED {@code noShowTimeout} after its call; returns how many. */
    int sweep(Instant now) {
        Instant calledBefore = now.minus(settings.noShowTimeout());
        int marked = 0;
        while (true) {
            List<Long> due = queue.calledBefore(calledBefore, BATCH);
            int markedNow = 0;
            for (long id : due) {
                Boolean done = transaction.execute(status -> markIfStillDue(id, calledBefore, now));
                markedNow += Boolean.TRUE.equals(done) ? 1 : 0;
            }
            marked += markedNow;
            if (due.size() < BATCH || markedNow == 0) {
                return marked;
            }
        }
    }

    private boolean markIfStillDue(long id, Instant calledBefore, Instant now) {
        Token token = tokens.lock(id).orElse(null);
        // Started, recalled or called again since the read.
        if (token == null
                || token.status() != TokenStatus.CALLED
                || token.calledAt().isAfter(calledBefore)) {
            return false;
        }
        token.markNoShow(Actor.SYSTEM, now, "not present within " + timeout() + " of the call");
        tokens.save(token);
        token.drainEvents().forEach(events::publishEvent);
        return true;
    }

    private String timeout() {
        return settings.noShowTimeout().toMinutes() + " min";
    }
}
