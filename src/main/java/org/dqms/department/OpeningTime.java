package org.dqms.department;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;

/**
 * One interval of a day in which a department is open, in its local time: open from {@code opens}
 * (inclusive) until {@code closes} (exclusive). Intervals do not cross midnight. A closing time of
 * 23:59, the last a time field can hold, means midnight: a department open 00:00–23:59 every day is
 * open around the clock, not closed for a minute each night.
 */
public record OpeningTime(LocalTime opens, LocalTime closes) {

    public OpeningTime {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!closes.isAfter(opens)) {
            throw new IllegalArgumentException("an opening time must close after it opens: " + opens + "-" + closes);
        }
    }

    /** The closing time that stands for midnight at the end of the day. */
    public static final LocalTime END_OF_DAY = LocalTime.of(23, 59);

    /**
     * The moment the interval closes on {@code date} in {@code zone}: the next midnight for {@link
     * #END_OF_DAY}, else the closing time, or the end of a daylight saving gap it falls into.
     */
    public Instant closesOn(LocalDate date, ZoneId zone) {
        if (closes.equals(END_OF_DAY)) {
            return date.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return moment(date, closes, zone);
    }

    /** The moment the interval opens on {@code date}, or the end of a daylight saving gap it falls into. */
    public Instant opensOn(LocalDate date, ZoneId zone) {
        return moment(date, opens, zone);
    }

    private static Instant moment(LocalDate date, LocalTime time, ZoneId zone) {
        LocalDateTime local = date.atTime(time);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return local.atZone(zone).toInstant();
    }

    public static OpeningTime of(String opens, String closes) {
        return new OpeningTime(LocalTime.parse(opens), LocalTime.parse(closes));
    }

    /** True if the two intervals share a moment or touch, so that they should be one interval. */
    boolean meets(OpeningTime other) {
        return !opens.isAfter(other.closes) && !other.opens.isAfter(closes);
    }

    @Override
    public String toString() {
        return opens + "-" + closes;
    }
}
