package org.dqms.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.dqms.security.RateLimitRepository.Hits;
import org.dqms.security.RateLimitRepository.Window;
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
        Window window = window(limit, subject, now);
        int hits = counters.hit(window.bucket(), window.start(), window.end());
        return hits <= limit.max() ? Optional.empty() : Optional.of(Duration.between(now, window.end()));
    }

    /**
     * Counts a request by its address and its phone number in one statement; empty while within
     * both limits, otherwise how long until the window that refused it ends. The phone is not
     * counted when the address is over its limit, as if the address had been checked alone first.
     */
    Optional<Duration> hit(Limit ipLimit, String address, Limit phoneLimit, String phone) {
        Instant now = clock.instant();
        Window ip = window(ipLimit, address, now);
        Window byPhone = window(phoneLimit, phone, now);
        Hits hits = counters.hit(ip, byPhone);
        if (hits.ipHits() > ipLimit.max()) {
            return Optional.of(Duration.between(now, ip.end()));
        }
        return hits.phoneHits() <= phoneLimit.max()
                ? Optional.empty()
                : Optional.of(Duration.between(now, byPhone.end()));
    }

    private static Window window(Limit limit, String subject, Instant now) {
        long windowMillis = limit.window().toMillis();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), windowMillis));
        return new Window(bucket(limit, subject), start, start.plus(limit.window()), limit.max());
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
