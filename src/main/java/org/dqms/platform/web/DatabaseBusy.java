package org.dqms.platform.web;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.springframework.dao.DataAccessException;

/**
 * The database answered "not now": a lock not granted within {@code lock_timeout} (another
 * transaction or a migration holds it), a statement cut off at {@code statement_timeout}, a deadlock
 * or a serialization failure. The request was fine and its transaction rolled back, so the same
 * request can be sent again: 503 with {@code Retry-After}, for the API and for pages alike.
 */
final class DatabaseBusy {

    /** As long as {@code dqms_app}'s {@code lock_timeout}: a lock held that long is seldom free sooner. */
    static final String RETRY_AFTER_SECONDS = "5";

    static final String DETAIL = "The service is busy at the moment; try again in a few seconds.";

    private DatabaseBusy() {}

    /** One line, no stack trace: these are expected under load, and the SQLSTATE tells which. */
    static void log(Logger log, DataAccessException e) {
        log.warn("Database busy, answered 503: {} (SQLSTATE {})", e.getClass().getSimpleName(), sqlState(e));
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "unknown";
    }
}
