package org.dqms.analytics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Local service dates of a department, both ends included. */
record DateRange(LocalDate from, LocalDate to) {

    /** A year, leap day included: longer ranges would make one request scan years of tokens. */
    static final long MAX_DAYS = 366;

    DateRange {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") must not be after to (" + to + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("from and to may span at most " + MAX_DAYS + " days");
        }
    }

    /** The range of two query parameters; a bad value is named in the message, which becomes the 400's detail. */
    static DateRange parse(String from, String to) {
        return new DateRange(date("from", from), date("to", to));
    }

    private static LocalDate date(String parameter, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(parameter + " must be a date such as 2026-01-31");
        }
    }
}
