package org.dqms.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.dqms.security.RateLimitSettings.Limit;

/**
 * Fixed-window counters in the database, so a limit holds however many instances serve the
 * requests. A bucket is stored as the SHA-256 hash of {@code <limit>:<subject>}: the table holds no
 * address or phone number.
 */
class RateLimits {

    private final RateLimitRepository counters;
    private final Clock clock;

    RateLimits(RateLimitRepository counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * Counts a request by the subject (an IP address, a phone number) against the limit; empty
     * while within it, otherwise how long until the window ends.
     */
    Optional<Duration> hit(Limit limit, String subject) {
        Instant now = clock.instant();
        long windowMillis = limit.window().toMillis();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), windowMillis));
        Instant end = start.plus(limit.window());
        int hits = counters.hit(bucket(limit, subject), start, end);
        return hits <= limit.max() ? Optional.empty() : Optional.of(Duration.between(now, end));
    }

    static byte[] bucket(Limit limit, String subject) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((limit.name() + ":" + subject).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
