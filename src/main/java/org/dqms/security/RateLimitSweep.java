package org.dqms.security;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes the counters of windows that have ended, so the table holds current windows only. */
class RateLimitSweep {

    private static final Logger log = LoggerFactory.getLogger(RateLimitSweep.class);

    // A little slack, so that an instance whose clock runs behind does not recreate a window just deleted.
    static final Duration KEEP_AFTER_END = Duration.ofMinutes(5);

    private final RateLimitRepository counters;
    private final Clock clock;

    RateLimitSweep(RateLimitRepository counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT15M")
    public void sweep() {
        int deleted = counters.deleteWindowsEndedBefore(clock.instant().minus(KEEP_AFTER_END));
        if (deleted > 0) {
            log.debug("Deleted {} rate limit counters of ended windows", deleted);
        }
    }
}
