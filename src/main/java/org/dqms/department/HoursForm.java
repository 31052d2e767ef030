package org.dqms.department;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dqms.platform.web.FormErrors;

/**
 * The weekly hours form: intervals per weekday (a morning and an afternoon session, or as many as
 * the hours set through the API have on one day), each field named like {@code MONDAY-opens1}, and
 * a hidden field {@code intervals} with how many each day shows. Times are kept as entered until
 * they are valid.
 */
final class HoursForm {

    /** Sessions each day shows at least. */
    static final int INTERVALS = 2;

    /** Sessions a submitted form is read for at most (one every quarter of an hour). */
    static final int MAX_INTERVALS = 96;

    private final Map<String, String> values;
    private final int intervals;

    private HoursForm(Map<String, String> values, int intervals) {
        this.values = values;
        this.intervals = intervals;
    }

    /** The hours as stored: every session of every day, so that saving the form loses none. */
    static HoursForm of(WeeklyHours hours) {
        Map<String, String> values = new HashMap<>();
        int intervals = INTERVALS;
        for (Map.Entry<DayOfWeek, List<OpeningTime>> day : hours.days().entrySet()) {
            List<OpeningTime> times = day.getValue();
            intervals = Math.max(intervals, times.size());
            for (int i = 0; i < times.size(); i++) {
                values.put(
                        field(day.getKey(), "opens", i + 1),
                        times.get(i).opens().toString());
                values.put(
                        field(day.getKey(), "closes", i + 1),
                        times.get(i).closes().toString());
            }
        }
        return new HoursForm(values, intervals);
    }

    /** The form as submitted; parameters that name no field are ignored. */
    static HoursForm submitted(Map<String, String> parameters) {
        int intervals = intervals(parameters.get("intervals"));
        Map<String, String> values = new HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int i = 1; i <= intervals; i++) {
                for (String part : List.of("opens", "closes")) {
                    String name = field(day, part, i);
                    String value = parameters.get(name);
                    if (value != null && !value.isBlank()) {
                        values.put(name, value.strip());
                    }
                }
            }
        }
        return new HoursForm(values, intervals);
    }

    private static int intervals(String submitted) {
        try {
            int count = submitted == null ? INTERVALS : Integer.parseInt(submitted.strip());
            return Math.max(INTERVALS, Math.min(count, MAX_INTERVALS));
        } catch (NumberFormatException e) {
            return INTERVALS;
        }
    }

    static String field(DayOfWeek day, String part, int interval) {
        return day.name() + "-" + part + interval;
    }

    /** For the template: how many sessions each day shows. */
    public int intervals() {
        return intervals;
    }

    /** For the template: the value of a field, empty if none. */
    public String value(String day, String part, int interval) {
        return values.getOrDefault(field(DayOfWeek.valueOf(day), part, interval), "");
    }

    /**
     * The weekly hours, without closed dates, or null after recording in {@code errors} what is wrong:
     * half an interval, a time that is not one, closing before opening, or overlapping intervals.
     */
    WeeklyHours hours(FormErrors errors) {
        Map<DayOfWeek, List<OpeningTime>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<OpeningTime> times = new ArrayList<>();
            for (int i = 1; i <= intervals; i++) {
                OpeningTime time = interval(day, i, errors);
                if (time != null) {
                    // Touching intervals count too: WeeklyHours wants them as one.
                    if (times.stream().anyMatch(time::meets)) {
                        errors.reject(field(day, "opens", i), "admin.hours.error.overlap");
                    } else {
                        times.add(time);
                    }
                }
            }
            days.put(day, times);
        }
        return errors.any() ? null : new WeeklyHours(days, Map.of());
    }

    private OpeningTime interval(DayOfWeek day, int i, FormErrors errors) {
        String opensField = field(day, "opens", i);
        String closesField = field(day, "closes", i);
        String opens = values.get(opensField);
        String closes = values.get(closesField);
        if (opens == null && closes == null) {
            return null;
        }
        if (opens == null || closes == null) {
            errors.reject(opens == null ? opensField : closesField, "admin.hours.error.both");
            return null;
        }
        LocalTime from = time(opens, opensField, errors);
        LocalTime to = time(closes, closesField, errors);
        if (from == null || to == null) {
            return null;
        }
        if (!to.isAfter(from)) {
            errors.reject(closesField, "admin.hours.error.order");
            return null;
        }
        return new OpeningTime(from, to);
    }

    private static LocalTime time(String value, String field, FormErrors errors) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.reject(field, "admin.hours.error.time");
            return null;
        }
    }
}
