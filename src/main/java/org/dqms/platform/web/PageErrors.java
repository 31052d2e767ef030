package org.dqms.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.dqms.platform.ConflictException;
import org.dqms.platform.ForbiddenException;
import org.dqms.platform.InvalidDataException;
import org.dqms.platform.NotFoundException;
import org.dqms.platform.PageController;
import org.dqms.platform.UnprocessableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of a page controller that it did not turn into a message on its form: answered with the
 * error page and its status, never with the API's Problem Details (which would show as JSON in the
 * browser) nor a stack trace. Ordered before {@code ProblemDetailsAdvice}, which serves the API.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    /** {@code /admin/doctors/abc} names nothing (404); {@code ?status=SLEEPING} is a bad request (400). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void mismatch(MethodArgumentTypeMismatchException e, HttpServletResponse response) throws IOException {
        boolean inPath = e.getParameter().hasParameterAnnotation(PathVariable.class);
        response.sendError(inPath ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_BAD_REQUEST);
    }

    @ExceptionHandler(ForbiddenException.class)
    void forbidden(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }

    @ExceptionHandler(ConflictException.class)
    void conflict(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_CONFLICT);
    }

    @ExceptionHandler(UnprocessableException.class)
    void unprocessable(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.UNPROCESSABLE_CONTENT.value());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    void invalid(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }

    /** A form's text that the database cannot store, such as a NUL character: a bad request too. */
    @ExceptionHandler(InvalidDataException.class)
    void invalidData(InvalidDataException e, HttpServletResponse response) throws IOException {
        log.info("Form refused by the database as invalid data (SQLSTATE {})", e.sqlState());
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }

    /**
     * A restart or failover of the database, a lock or statement timeout, a deadlock, a serialization
     * failure: the page says to try again in a moment ({@link DatabaseBusy}).
     */
    @ExceptionHandler({
        CannotGetJdbcConnectionException.class,
        DataAccessResourceFailureException.class,
        CannotCreateTransactionException.class,
        PessimisticLockingFailureException.class,
        QueryTimeoutException.class
    })
    void notNow(Exception e, HttpServletResponse response) throws IOException {
        DatabaseBusy.answerPage(log, e, response);
    }

    @ExceptionHandler(Exception.class)
    void other(Exception e, HttpServletResponse response) throws IOException {
        if (e instanceof ErrorResponse known) {
            response.sendError(known.getStatusCode().value());
            return;
        }
        log.error("Page failed", e);
        response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    }
}
