package org.dqms.database;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often a migrate is tried when a migration gives up waiting for a table lock
 * (DATABASE_MIGRATION_LOCK_TIMEOUT), and how long it pauses in between. Such a migration has
 * changed nothing: PostgreSQL rolled its transaction back. The lock's holder is most often a
 * transaction that ends soon, and the pause lets the application's statements that queued behind
 * the waiting migration run before it queues again.
 */
record LockRetries(int attempts, Duration pause) {

    static final LockRetries DEFAULT = new LockRetries(10, Duration.ofSeconds(3));

    private static final Logger log = LoggerFactory.getLogger(LockRetries.class);

    /** PostgreSQL's lock_not_available: a statement fails with it when lock_timeout passes. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** Runs {@code migrate} until it succeeds, fails otherwise, or has given up on a lock each time. */
    <T> T run(Supplier<T> migrate, Duration lockTimeout) {
        for (int attempt = 1; ; attempt++) {
            try {
                return migrate.get();
            } catch (FlywayException e) {
                Optional<SQLException> lock = lockTimeout(e);
                if (lock.isEmpty()) {
                    throw e;
                }
                String failure =
                        firstLine(e.getMessage()) + ": " + firstLine(lock.get().getMessage());
                if (attempt >= attempts) {
                    throw new FlywayException(
                            "a migration did not get its lock within DATABASE_MIGRATION_LOCK_TIMEOUT ("
                                    + describe(lockTimeout) + ") in " + attempt + " attempts; end the transaction"
                                    + " that holds it, or run `migrate` again later (" + failure + ")",
                            e);
                }
                log.warn(
                        "{}; another transaction holds the lock. Attempt {} of {} in {}",
                        failure,
                        attempt + 1,
                        attempts,
                        describe(pause));
                sleep(e);
            }
        }
    }

    private void sleep(FlywayException failure) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private static Optional<SQLException> lockTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
