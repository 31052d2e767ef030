package org.dqms.department;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dqms.platform.web.FormErrors;

/**
 * The weekly hours form: up to two intervals per weekday (a morning and an afternoon session), each
 * field named like {@code MONDAY-opens1}. Times are kept as entered until they are valid.
 */
final class HoursForm {

    static final int INTERVALS = 2;

    private final Map<String, String> values;

    private HoursForm(Map<String, String> values) {
        this.values = values;
    }

    static HoursForm of(WeeklyHours hours) {
        Map<String, String> values = new HashMap<>();
        hours.days().forEach((day, times) -> {
            for (int i = 0; i < Math.min(times.size(), INTERVALS); i++) {
                values.put(field(day, "opens", i + 1), times.get(i).opens().toString());
                values.put(field(day, "closes", i + 1), times.get(i).closes().toString());
            }
        });
        return new HoursForm(values);
    }

    /** The form as submitted; parameters that name no field are ignored. */
    static HoursForm submitted(Map<String, String> parameters) {
        Map<String, String> values = new HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int i = 1; i <= INTERVALS; i++) {
                for (String part : List.of("opens", "closes")) {
                    String name = field(day, part, i);
                    String value = parameters.get(name);
                    if (value != null && !value.isBlank()) {
                        values.put(name, value.strip());
                    }
                }
            }
        }
        return new HoursForm(values);
    }

    static String field(DayOfWeek day, String part, int interval) {
        return day.name() + "-" + part + interval;
    }

    /** For the template: the value of a field, empty if none. */
    public String value(String day, String part, int interval) {
        return values.getOrDefault(field(DayOfWeek.valueOf(day), part, interval), "");
    }

    /**
     * The weekly hours with the given closed dates, or null after recording in {@code errors} what is
     * wrong: half an interval, a time that is not one, closing before opening, or overlapping intervals.
     */
    WeeklyHours hours(Map<LocalDate, String> closedDates, FormErrors errors) {
        Map<DayOfWeek, List<OpeningTime>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<OpeningTime> times = new ArrayList<>();
            for (int i = 1; i <= INTERVALS; i++) {
                OpeningTime time = interval(day, i, errors);
                if (time != null) {
                    // Touching intervals count too: WeeklyHours wants them as one.
                    if (!times.isEmpty() && times.get(0).meets(time)) {
                        errors.reject(field(day, "opens", i), "admin.hours.error.overlap");
                    } else {
                        times.add(time);
                    }
                }
            }
            days.put(day, times);
        }
        return errors.any() ? null : new WeeklyHours(days, closedDates);
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
