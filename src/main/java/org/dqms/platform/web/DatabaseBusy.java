package org.dqms.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The database answered "not now": a lock not granted within {@code lock_timeout} (another
 * transaction or a migration holds it), a statement cut off at {@code statement_timeout}, a deadlock
 * or a serialization failure. The request was fine and its transaction rolled back, so the same
 * request can be sent again: 503 with {@code Retry-After}, for the API and for pages alike. A
 * database that cannot be reached at all (a restart, a failover) is answered the same way.
 */
public final class DatabaseBusy {

    /** As long as {@code dqms_app}'s {@code lock_timeout}: a lock held that long is seldom free sooner. */
    static final String RETRY_AFTER_SECONDS = "5";

    static final String DETAIL = "The service is busy at the moment; try again in a few seconds.";

    private DatabaseBusy() {}

    /**
     * Of {@code e} and its causes, the first that says the database is busy or cannot be reached:
     * the exceptions that {@code ProblemDetailsAdvice} and {@code PageErrors} answer with 503. Null
     * if none does.
     */
    static Exception notNow(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (isBusy(cause) || isUnreachable(cause)) {
                return (Exception) cause;
            }
        }
        return null;
    }

    /**
     * Whether {@code e} or one of its causes says the database is busy, rather than unreachable: what
     * the controllers and {@link DatabaseBusyFilter} answer with 503 "Service busy". For code outside
     * Spring MVC that answers database errors itself, such as the live event streams, so that it can
     * leave these to the filter.
     */
    public static boolean busy(Throwable e) {
        Exception notNow = notNow(e);
        return notNow != null && isBusy(notNow);
    }

    /** The 503 page with {@code Retry-After}, and one WARN line without a stack trace. */
    static void answerPage(Logger log, Exception e, HttpServletResponse response) throws IOException {
        if (isBusy(e)) {
            log(log, (DataAccessException) e);
        } else {
            log.warn("Database unavailable: {}", e.getClass().getSimpleName());
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }

    private static boolean isBusy(Throwable e) {
        return e instanceof PessimisticLockingFailureException || e instanceof QueryTimeoutException;
    }

    // CannotGetJdbcConnectionException is a DataAccessResourceFailureException.
    private static boolean isUnreachable(Throwable e) {
        return e instanceof DataAccessResourceFailureException || e instanceof CannotCreateTransactionException;
    }

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
