package org.dqms.platform;

import org.springframework.dao.NonTransientDataAccessException;

/**
 * A value the database refused as data (PostgreSQL's SQLSTATE class 22, "data exception"): a NUL
 * character, text that its encoding cannot hold, a number or date out of range. The request's
 * values are at fault, so the answer is 400, never the 409 of a conflict with stored rows, which is
 * how Spring would report it ({@code DataIntegrityViolationException}). {@link #detail()} tells the
 * kind of problem without the database's message, which can quote the value.
 */
public class InvalidDataException extends NonTransientDataAccessException {

    /** {@code invalid byte sequence}: PostgreSQL's answer to a NUL character in text. */
    static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

    static final String UNTRANSLATABLE_CHARACTER = "22P05";

    private final String sqlState;

    public InvalidDataException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** Whether PostgreSQL's SQLSTATE is a data exception. */
    public static boolean isDataException(String sqlState) {
        return sqlState != null && sqlState.startsWith("22");
    }

    public String sqlState() {
        return sqlState;
    }

    /** What a client is told: the kind of problem, never the value. */
    public String detail() {
        return switch (sqlState) {
            case CHARACTER_NOT_IN_REPERTOIRE ->
                "A text in the request contains a character that cannot be stored: U+0000 (NUL), or bytes"
                        + " that are not valid text.";
            case UNTRANSLATABLE_CHARACTER ->
                "A text in the request contains a character that the database's encoding cannot hold.";
            default -> "A value in the request is out of range or not in a form that can be stored.";
        };
    }
}
