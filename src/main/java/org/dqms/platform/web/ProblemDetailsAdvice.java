package org.dqms.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dqms.platform.ConflictException;
import org.dqms.platform.ForbiddenException;
import org.dqms.platform.InvalidDataException;
import org.dqms.platform.InvalidFieldException;
import org.dqms.platform.NotFoundException;
import org.dqms.platform.UnprocessableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error is an RFC 9457 Problem Details body. Validation errors list their fields; an
 * unexpected failure is logged in full and answered without a stack trace or SQL.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private static final String UNPAIRED_SURROGATE =
            "contains an unpaired surrogate (an escape from \\ud800 to \\udfff without its pair)";

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Forbidden");
        return problem;
    }

    @ExceptionHandler(UnprocessableException.class)
    ProblemDetail unprocessable(UnprocessableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle(e.title());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle(e.title());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", leaf(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList();
        return invalid(errors);
    }

    /** Like a validation error, with the one field, its problem as the detail, and the exception's properties. */
    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException e) {
        ProblemDetail problem = invalid(List.of(Map.of("field", e.field(), "message", e.problem())));
        problem.setDetail(e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }

    /**
     * A value the database cannot store (a NUL character, say): the request's fault, told by kind,
     * since the database's message can quote the value.
     */
    @ExceptionHandler(InvalidDataException.class)
    ProblemDetail invalidData(InvalidDataException e) {
        log.info("Request refused by the database as invalid data (SQLSTATE {})", e.sqlState());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.detail());
        problem.setTitle("Invalid data");
        return problem;
    }

    /**
     * A constraint the database enforced that the service did not turn into a clearer answer.
     * Nothing of the constraint's message is shown or logged: it can quote the row's values.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e) {
        log.warn("Request refused by a database constraint ({})", e.getClass().getSimpleName());
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The request conflicts with existing data.");
        problem.setTitle("Conflict");
        return problem;
    }

    /** The database cannot be reached (a restart, a failover): a short wait, not a fault of dqms. */
    @ExceptionHandler({
        CannotGetJdbcConnectionException.class,
        DataAccessResourceFailureException.class,
        org.springframework.transaction.CannotCreateTransactionException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn("Database unavailable: {}", e.getClass().getSimpleName());
        return serviceUnavailable(
                "Service unavailable",
                "The database cannot be reached at the moment; try again in a few seconds.",
                "5");
    }

    /**
     * A lock or statement timeout, a deadlock or a serialization failure ({@link DatabaseBusy}). Not
     * a 409: that says the request conflicts with stored data and that sending it again will not
     * help, while here nothing was stored and sending it again is the answer.
     */
    @ExceptionHandler({PessimisticLockingFailureException.class, QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> databaseBusy(DataAccessException e) {
        DatabaseBusy.log(log, e);
        return serviceUnavailable("Service busy", DatabaseBusy.DETAIL, DatabaseBusy.RETRY_AFTER_SECONDS);
    }

    private static ResponseEntity<ProblemDetail> serviceUnavailable(String title, String detail, String retryAfter) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle(title);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfter)
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side. Please try again.");
        problem.setTitle("Internal error");
        return problem;
    }

    /**
     * Errors Spring MVC raises before any controller was chosen (no such path, a method the path does
     * not take, a body type it does not read) are Problem Details for the API; a browser that asked
     * for a page ({@link PagePaths}) gets the error page with the same status instead of JSON.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest web && web.getResponse() != null && wantsPage(web.getRequest())) {
            try {
                headers.forEach((name, values) ->
                        values.forEach(value -> web.getResponse().addHeader(name, value)));
                web.getResponse().sendError(status.value());
                return null;
            } catch (IOException failed) {
                log.debug("Error page not sent: {}", failed.getMessage());
            }
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return PagePaths.isPage(request) && accept != null && accept.contains("text/html");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of(
                        "field",
                        f.getField(),
                        "message",
                        f.getDefaultMessage() == null ? "invalid" : f.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of(
                                "field",
                                String.valueOf(result.getMethodParameter().getParameterName()),
                                "message",
                                String.valueOf(error.getDefaultMessage()))))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    /**
     * JSON text that is not valid Unicode, and a value of the wrong kind for its field, are invalid
     * fields, named; JSON that is not JSON at all stays Spring's.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof WellFormedText.UnpairedSurrogateException unpaired) {
            String field = unpaired.field() == null ? "body" : unpaired.field();
            ProblemDetail problem = invalid(List.of(Map.of("field", field, "message", UNPAIRED_SURROGATE)));
            problem.setDetail("A text in the request is not valid Unicode: " + UNPAIRED_SURROGATE + ".");
            return ResponseEntity.badRequest().body(problem);
        }
        Optional<UnreadableField> unreadable = UnreadableField.of(e.getCause());
        if (unreadable.isPresent()) {
            UnreadableField field = unreadable.get();
            ProblemDetail problem = invalid(List.of(Map.of("field", field.field(), "message", field.message())));
            problem.setDetail(field.field() + " " + field.message() + ".");
            return ResponseEntity.badRequest().body(problem);
        }
        return super.handleHttpMessageNotReadable(e, headers, status, request);
    }

    private static ProblemDetail invalid(List<Map<String, String>> errors) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
