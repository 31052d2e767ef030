package org.dqms.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins per email, kept alike for emails with and without an account. After {@code
 * maxFailedSignIns} failures in a row the email is locked for {@code lockout}; failures older than
 * {@code lockout} are forgotten, and a success forgets them all.
 *
 * <p>An email is counted under the SHA-256 of PostgreSQL's {@code lower()} of it, the fold by which
 * the account is looked up ({@code AccountRepository}): every spelling that reaches an account
 * counts against that account's one counter, whatever the database's locale folds. (Java's own
 * lower case differs from a UTF-8 locale's on letters such as {@code İ}, and would give one account
 * several counters.)
 */
@Repository
class SignInFailures {

    /** The key of an email's counter, from the parameter {@code :email}. */
    static final String EMAIL_KEY = "sha256(convert_to(lower(:email), 'UTF8'))";

    private static final String LOCKED_UNTIL = "SELECT locked_until FROM dqms.sign_in_failure WHERE email_hash = "
            + EMAIL_KEY + " AND locked_until > :now";

    // A lock that has run out starts a new count, as do failures older than the lockout.
    private static final String COUNT_FAILURE = """
            INSERT INTO dqms.sign_in_failure AS f (email_hash, failures, last_failure_at)
            VALUES (%s, 1, :now)
            ON CONFLICT (email_hash) DO UPDATE
               SET failures = CASE WHEN f.last_failure_at < :forgetBefore OR f.locked_until <= :now THEN 1
                                   ELSE f.failures + 1 END,
                   locked_until = CASE WHEN f.locked_until > :now THEN f.locked_until END,
                   last_failure_at = :now
            RETURNING failures, locked_until
            """.formatted(EMAIL_KEY);

    private static final String LOCK =
            "UPDATE dqms.sign_in_failure SET failures = 0, locked_until = :until WHERE email_hash = " + EMAIL_KEY;

    private static final String FORGET = "DELETE FROM dqms.sign_in_failure WHERE email_hash = " + EMAIL_KEY;

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
                .param("email", key(email))
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
        String key = key(email);
        Counted counted = jdbc.sql(COUNT_FAILURE)
                .param("email", key)
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
                .param("email", key)
                .param("until", at(now.plus(settings.lockout())))
                .update();
        return Optional.of(settings.lockout());
    }

    /** Forgets the email's failures, after a successful sign-in. */
    @Transactional
    void forget(String email) {
        jdbc.sql(FORGET).param("email", key(email)).update();
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

    private static String key(String email) {
        return email.strip();
    }
}
