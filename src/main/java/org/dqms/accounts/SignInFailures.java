package org.dqms.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins per email, kept alike for emails with and without an account. After {@code
 * maxFailedSignIns} failures in a row the email is locked for {@code lockout}; failures older than
 * {@code lockout} are forgotten, and a success forgets them all.
 */
@Repository
class SignInFailures {

    private static final String LOCKED_UNTIL = """
            SELECT locked_until FROM dqms.sign_in_failure WHERE email_hash = :hash AND locked_until > :now
            """;

    // A lock that has run out starts a new count, as do failures older than the lockout.
    private static final String COUNT_FAILURE = """
            INSERT INTO dqms.sign_in_failure AS f (email_hash, failures, last_failure_at)
            VALUES (:hash, 1, :now)
            ON CONFLICT (email_hash) DO UPDATE
               SET failures = CASE WHEN f.last_failure_at < :forgetBefore OR f.locked_until <= :now THEN 1
                                   ELSE f.failures + 1 END,
                   locked_until = CASE WHEN f.locked_until > :now THEN f.locked_until END,
                   last_failure_at = :now
            RETURNING failures, locked_until
            """;

    private static final String LOCK = """
            UPDATE dqms.sign_in_failure SET failures = 0, locked_until = :until WHERE email_hash = :hash
            """;

    private static final String FORGET = "DELETE FROM dqms.sign_in_failure WHERE email_hash = :hash";

    private static final String FORGET_OLD = """
            DELETE FROM dqms.sign_in_failure
             WHERE last_failure_at < :forgetBefore AND (locked_until IS NULL OR locked_until <= :now)
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccountSettings settings;

    SignInFailures(JdbcClient jdbc, Clock clock, AccountSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    /** How long the email stays locked, if it is. */
    @Transactional(readOnly = true)
    Optional<Duration> lockedFor(String email) {
        Instant now = clock.instant();
        return jdbc.sql(LOCKED_UNTIL)
                .param("hash", hash(email))
                .param("now", at(now))
                .query(OffsetDateTime.class)
                .optional()
                .map(until -> Duration.between(now, until.toInstant()));
    }

    /**
     * Counts a failure; returns how long the email is now locked, if this failure (or a concurrent
     * one) locked it.
     */
    @Transactional
    Optional<Duration> count(String email) {
        Instant now = clock.instant();
        byte[] hash = hash(email);
        Counted counted = jdbc.sql(COUNT_FAILURE)
                .param("hash", hash)
                .param("now", at(now))
                .param("forgetBefore", at(now.minus(settings.lockout())))
                .query((rows, n) ->
                        new Counted(rows.getInt("failures"), rows.getObject("locked_until", OffsetDateTime.class)))
                .single();
        if (counted.lockedUntil() != null) {
            return Optional.of(Duration.between(now, counted.lockedUntil().toInstant()));
        }
        if (counted.failures() < settings.maxFailedSignIns()) {
            return Optional.empty();
        }
        jdbc.sql(LOCK)
                .param("hash", hash)
                .param("until", at(now.plus(settings.lockout())))
                .update();
        return Optional.of(settings.lockout());
    }

    /** Forgets the email's failures, after a successful sign-in. */
    @Transactional
    void forget(String email) {
        jdbc.sql(FORGET).param("hash", hash(email)).update();
    }

    /** Deletes counts that no longer matter, so that tried emails do not pile up; returns how many. */
    @Transactional
    int forgetOld() {
        Instant now = clock.instant();
        return jdbc.sql(FORGET_OLD)
                .param("now", at(now))
                .param("forgetBefore", at(now.minus(settings.lockout())))
                .update();
    }

    private record Counted(int failures, OffsetDateTime lockedUntil) {}

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static byte[] hash(String email) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
