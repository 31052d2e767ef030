package org.dqms.platform;

import java.util.Set;
import org.springframework.dao.NonTransientDataAccessException;

/**
 * A value of the request that the database refused as data: a NUL character, text that its
 * encoding cannot hold, text too long for its column, a number or a date out of range. The request
 * is at fault, so the answer is 400, never the 409 of a conflict with stored rows, which is how
 * Spring would report it ({@code DataIntegrityViolationException}). {@link #detail()} tells the
 * kind of problem without the database's message, which can quote the value.
 *
 * <p>Only the data exceptions (SQLSTATE class 22) that a bound value causes are this
 * ({@link #causedByValues}). The rest of class 22 (a division by zero, a cast of stored text, a bad
 * regular expression or argument in dqms' own SQL) no request can cause: those are faults of dqms.
 */
public class InvalidDataException extends NonTransientDataAccessException {

    /** {@code invalid byte sequence}: PostgreSQL's answer to a NUL character in text. */
    static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

    /** Text that the database's encoding cannot hold. */
    static final String UNTRANSLATABLE_CHARACTER = "22P05";

    /** Text longer than its column's declared length. */
    static final String STRING_DATA_RIGHT_TRUNCATION = "22001";

    /** A number beyond its column's or cast's type, such as 70000 for a {@code smallint}. */
    static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";

    /** A date or time in a form that PostgreSQL cannot read. */
    static final String INVALID_DATETIME_FORMAT = "22007";

    /** A date or time beyond PostgreSQL's range (a timestamp after the year 294276). */
    static final String DATETIME_FIELD_OVERFLOW = "22008";

    private static final Set<String> CAUSED_BY_VALUES = Set.of(
            CHARACTER_NOT_IN_REPERTOIRE,
            UNTRANSLATABLE_CHARACTER,
            STRING_DATA_RIGHT_TRUNCATION,
            NUMERIC_VALUE_OUT_OF_RANGE,
            INVALID_DATETIME_FORMAT,
            DATETIME_FIELD_OVERFLOW);

    private final String sqlState;

    public InvalidDataException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** Whether PostgreSQL's SQLSTATE is a data exception that a value bound from a request can cause. */
    public static boolean causedByValues(String sqlState) {
        return sqlState != null && CAUSED_BY_VALUES.contains(sqlState);
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
            case STRING_DATA_RIGHT_TRUNCATION -> "A text in the request is longer than can be stored.";
            case NUMERIC_VALUE_OUT_OF_RANGE -> "A number in the request is out of range.";
            default -> "A date or time in the request is out of range or not in a form that can be stored.";
        };
    }
}
