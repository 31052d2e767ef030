package org.dqms.notifications;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A {@code Retry-After} header (RFC 9110, 10.2.3): a number of seconds, or an HTTP date. */
final class RetryAfter {

    private RetryAfter() {}

    /** How long from {@code now} the header asks to wait; zero if it asks nothing dqms can read. */
    static Duration wait(String header, Instant now) {
        if (header == null) {
            return Duration.ZERO;
        }
        String value = header.strip();
        if (value.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return Duration.ZERO;
        }
    }
}
