package org.dqms.security;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.annotation.Transactional;

/** Deletes sessions that expired more than a day ago, so the table holds live sessions only. */
class RefreshTokenSweep {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenSweep.class);
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

    private final RefreshTokenRepository refreshTokens;
    private final Clock clock;

    RefreshTokenSweep(RefreshTokenRepository refreshTokens, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT6H")
    @Transactional
    public void sweep() {
        int deleted = refreshTokens.deleteFamiliesExpiredBefore(clock.instant().minus(KEEP_AFTER_EXPIRY));
        if (deleted > 0) {
            log.info("Deleted {} refresh tokens of sessions that expired", deleted);
        }
    }
}
