package org.dqms.department;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * When a department is open: intervals per weekday in local time (several make a day with breaks),
 * and dates on which it stays closed whatever the weekday says. The methods answer in real moments
 * for a given time zone, so daylight saving time is handled here and nowhere else.
 *
 * <p>An opening time that falls into a daylight saving gap (02:30 on the spring-forward day in
 * Berlin) opens when the gap ends; one that falls into the repeated hour of autumn means its first
 * occurrence.
 *
 * @param days the intervals of each weekday, sorted, never overlapping or touching; a missing
 *     weekday is a closed one
 * @param closedDates dates on which the department is closed, with the reason shown to patients
 */
public record WeeklyHours(Map<DayOfWeek, List<OpeningTime>> days, Map<LocalDate, String> closedDates) {

    /**
     * How far {@link #nextOpening} and {@link #nextOpeningOrClosing} look ahead: a little over a
     * year, enough for any holiday plan.
     */
    private static final int SEARCH_DAYS = 370;

    public WeeklyHours {
        Map<DayOfWeek, List<OpeningTime>> sorted = new EnumMap<>(DayOfWeek.class);
        if (days != null) {
            days.forEach((day, times) -> {
                if (day == null || times == null) {
                    throw new IllegalArgumentException("opening times need a weekday and a list of intervals");
                }
                if (!times.isEmpty()) {
                    sorted.put(day, sortedWithoutOverlaps(day, times));
                }
            });
        }
        days = Collections.unmodifiableMap(sorted);
        Map<LocalDate, String> dates = new TreeMap<>();
        if (closedDates != null) {
            closedDates.forEach((date, reason) -> {
                if (date == null) {
                    throw new IllegalArgumentException("a closed date needs a date");
                }
                dates.put(date, reason == null ? "" : reason.strip());
            });
        }
        closedDates = Collections.unmodifiableMap(dates);
    }

    /** A department that is never open, e.g. one whose hours are not set yet. */
    public static WeeklyHours none() {
        return new WeeklyHours(Map.of(), Map.of());
    }

    /** The same intervals on each of the given weekdays, and no closed dates. */
    public static WeeklyHours weekly(List<DayOfWeek> weekdays, List<OpeningTime> times) {
        Map<DayOfWeek, List<OpeningTime>> days = new EnumMap<>(DayOfWeek.class);
        weekdays.forEach(day -> days.put(day, times));
        return new WeeklyHours(days, Map.of());
    }

    /** A copy with one more closed date. */
    public WeeklyHours closedOn(LocalDate date, String reason) {
        Map<LocalDate, String> dates = new TreeMap<>(closedDates);
        dates.put(date, reason);
        return new WeeklyHours(days, dates);
    }

    /** The intervals of a weekday, empty if it is closed that day of every week. */
    public List<OpeningTime> on(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }

    /** True if the moment falls into an interval of its local date that is not a closed date. */
    public boolean isOpen(Instant at, ZoneId zone) {
        return intervalAt(at, zone).isPresent();
    }

    /**
     * The next moment the department opens: {@code after} itself if it is open then, otherwise the
     * start of the next interval, strictly after {@code after}. Empty if it does not open within
     * the next 370 days.
     */
    public Optional<ZonedDateTime> nextOpening(Instant after, ZoneId zone) {
        if (isOpen(after, zone)) {
            return Optional.of(after.atZone(zone));
        }
        LocalDate first = after.atZone(zone).toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++) {
            for (Interval interval : intervalsOn(first.plusDays(i), zone)) {
                if (interval.start().isAfter(after)) {
                    return Optional.of(interval.start().atZone(zone));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The next moment after {@code at} at which the department opens or closes. While it is open,
     * that is the end of the interval it is in, or, where that interval runs into the next day's
     * first at midnight (ADR 23), the end of the last one of the run. While it is closed, that is
     * its next opening. Empty if neither happens within the next 370 days (open around the clock, or
     * never open).
     */
    public Optional<Instant> nextOpeningOrClosing(Instant at, ZoneId zone) {
        Optional<Interval> open = intervalAt(at, zone);
        if (open.isEmpty()) {
            return nextOpening(at, zone).map(ZonedDateTime::toInstant);
        }
        Instant end = open.get().end();
        for (int i = 0; i <= SEARCH_DAYS; i++) {
            Optional<Interval> next = intervalAt(end, zone);
            if (next.isEmpty()) {
                return Optional.of(end);
            }
            end = next.get().end();
        }
        return Optional.empty();
    }

    /** When the interval that is open at {@code at} ends; empty if the department is closed then. */
    public Optional<ZonedDateTime> closingTime(Instant at, ZoneId zone) {
        return intervalAt(at, zone).map(interval -> interval.end().atZone(zone));
    }

    /** The end of each interval on the date, in order; empty if the department is closed that day. */
    public List<Instant> closingTimesOn(LocalDate date, ZoneId zone) {
        return intervalsOn(date, zone).stream().map(Interval::end).toList();
    }

    /**
     * The end of each interval the date's weekday has, in order, even on a closed date: when the
     * department would have closed that day had it not been closed.
     */
    public List<Instant> weeklyClosingTimesOn(LocalDate date, ZoneId zone) {
        return weeklyIntervalsOn(date, zone).stream().map(Interval::end).toList();
    }

    private Optional<Interval> intervalAt(Instant at, ZoneId zone) {
        // Intervals never cross midnight, so only the local date of the moment can contain it.
        return intervalsOn(at.atZone(zone).toLocalDate(), zone).stream()
                .filter(interval -> interval.contains(at))
                .findFirst();
    }

    private List<Interval> intervalsOn(LocalDate date, ZoneId zone) {
        return closedDates.containsKey(date) ? List.of() : weeklyIntervalsOn(date, zone);
    }

    private List<Interval> weeklyIntervalsOn(LocalDate date, ZoneId zone) {
        return on(date.getDayOfWeek()).stream()
                .map(time -> new Interval(time.opensOn(date, zone), time.closesOn(date, zone)))
                .filter(interval -> interval.end().isAfter(interval.start()))
                .toList();
    }

    private static List<OpeningTime> sortedWithoutOverlaps(DayOfWeek day, List<OpeningTime> times) {
        List<OpeningTime> sorted =
                times.stream().sorted(Comparator.comparing(OpeningTime::opens)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            OpeningTime previous = sorted.get(i - 1);
            OpeningTime next = sorted.get(i);
            if (previous.meets(next)) {
                throw new IllegalArgumentException(day + ": opening times " + previous + " and " + next
                        + " overlap or touch; make them one interval");
            }
        }
        return sorted;
    }

    private record Interval(Instant start, Instant end) {

        boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }
}
