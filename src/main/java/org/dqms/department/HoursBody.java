package org.dqms.department;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dqms.platform.InvalidFieldException;

/**
 * Weekly hours and closed dates as the API reads and writes them, e.g. {@code {"days": {"MONDAY":
 * [{"opens": "08:00", "closes": "12:00"}]}, "closedDates": {"2026-12-25": "Christmas"}}}. A weekday
 * that is not listed is closed.
 */
record HoursBody(
        @NotNull Map<DayOfWeek, @NotNull List<@NotNull @Valid Interval>> days,
        Map<LocalDate, @NotNull @Size(max = 200) String> closedDates) {

    private static final String CLOSES_AFTER_OPENS = "must be after opens: an interval ends on its day, 23:59"
            + " meaning midnight; hours past midnight are a second interval from 00:00 the next day";

    record Interval(
            @NotNull @JsonFormat(pattern = "HH:mm") LocalTime opens,
            @NotNull @JsonFormat(pattern = "HH:mm") LocalTime closes) {}

    /**
     * The hours; an interval that does not close after it opens, or that overlaps or touches another
     * of its day, is a 400 naming it as {@code days[MONDAY][1]}, the way validation names fields.
     */
    WeeklyHours hours() {
        Map<DayOfWeek, List<OpeningTime>> times = new LinkedHashMap<>();
        days.forEach((day, intervals) -> times.put(day, openingTimes(day, intervals)));
        return new WeeklyHours(times, closedDates == null ? Map.of() : closedDates);
    }

    private static List<OpeningTime> openingTimes(DayOfWeek day, List<Interval> intervals) {
        List<OpeningTime> times = new ArrayList<>();
        for (int i = 0; i < intervals.size(); i++) {
            Interval interval = intervals.get(i);
            String field = "days[" + day + "][" + i + "]";
            if (!interval.closes().isAfter(interval.opens())) {
                throw new InvalidFieldException(field + ".closes", CLOSES_AFTER_OPENS, Map.of());
            }
            OpeningTime time = new OpeningTime(interval.opens(), interval.closes());
            for (int earlier = 0; earlier < times.size(); earlier++) {
                if (times.get(earlier).meets(time)) {
                    throw new InvalidFieldException(
                            field,
                            "overlaps or touches days[" + day + "][" + earlier
                                    + "]; make them one interval, or leave a gap",
                            Map.of());
                }
            }
            times.add(time);
        }
        return times;
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
