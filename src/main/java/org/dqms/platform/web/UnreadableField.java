package org.dqms.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value of the wrong kind for its field (a time that is not {@code HH:mm}, a word where a
 * number goes, a value no enum has), named the way validation errors name fields: {@code
 * days[MONDAY][0].opens}. The message says what the field takes; it never quotes what was sent.
 */
record UnreadableField(String field, String message) {

    /** The field and what it takes, when the JSON was read as far as a field of the wrong kind. */
    static Optional<UnreadableField> of(Throwable cause) {
        if (!(cause instanceof MismatchedInputException mismatch)
                || mismatch.getPath().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UnreadableField(path(mismatch), expected(mismatch.getTargetType())));
    }

    private static String path(MismatchedInputException mismatch) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference step : mismatch.getPath()) {
            if (step.getPropertyName() == null) {
                path.append('[').append(step.getIndex()).append(']');
            } else if (step.from() instanceof Map<?, ?>) {
                path.append('[').append(step.getPropertyName()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has a value of the wrong kind";
        }
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name())
                            .collect(Collectors.joining(", "));
        }
        if (type == LocalTime.class) {
            return "must be a time of day as HH:mm, from 00:00 to 23:59, e.g. 08:30";
        }
        if (type == LocalDate.class) {
            return "must be a date as YYYY-MM-DD, e.g. 2026-12-25";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "must be a date and time with its offset, e.g. 2026-12-25T09:30:00+05:30";
        }
        if (type == ZoneId.class) {
            return "must be a time zone, e.g. Asia/Kolkata";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "must be a number";
        }
        if (type == String.class) {
            return "must be text";
        }
        return "has a value of the wrong kind";
    }
}
