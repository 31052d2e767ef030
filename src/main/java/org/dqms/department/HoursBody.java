package org.dqms.department;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weekly hours and closed dates as the API reads and writes them, e.g. {@code {"days": {"MONDAY":
 * [{"opens": "08:00", "closes": "12:00"}]}, "closedDates": {"2026-12-25": "Christmas"}}}. A weekday
 * that is not listed is closed.
 */
record HoursBody(
        @NotNull Map<DayOfWeek, @NotNull List<@NotNull @Valid Interval>> days,
        Map<LocalDate, @NotNull @Size(max = 200) String> closedDates) {

    record Interval(
            @NotNull @JsonFormat(pattern = "HH:mm") LocalTime opens,
            @NotNull @JsonFormat(pattern = "HH:mm") LocalTime closes) {}

    /** Overlapping intervals or one that closes before it opens fail here, with a 400. */
    WeeklyHours hours() {
        Map<DayOfWeek, List<OpeningTime>> times = new LinkedHashMap<>();
        days.forEach((day, intervals) -> times.put(
                day,
                intervals.stream()
                        .map(i -> new OpeningTime(i.opens(), i.closes()))
                        .toList()));
        return new WeeklyHours(times, closedDates == null ? Map.of() : closedDates);
    }

    static HoursBody of(WeeklyHours hours) {
        Map<DayOfWeek, List<Interval>> days = new LinkedHashMap<>();
        hours.days()
                .forEach((day, times) -> days.put(
                        day,
                        times.stream()
                                .map(t -> new Interval(t.opens(), t.closes()))
                                .toList()));
        return new HoursBody(days, hours.closedDates());
    }
}
