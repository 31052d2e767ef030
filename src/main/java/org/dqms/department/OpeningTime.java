package org.dqms.department;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One interval of a day in which a department is open, in its local time: open from {@code opens}
 * (inclusive) until {@code closes} (exclusive). Intervals do not cross midnight.
 */
public record OpeningTime(LocalTime opens, LocalTime closes) {

    public OpeningTime {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!closes.isAfter(opens)) {
            throw new IllegalArgumentException("an opening time must close after it opens: " + opens + "-" + closes);
        }
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
