package org.dqms.department;

import java.time.ZoneId;
import org.dqms.platform.web.FormErrors;

/**
 * The department form of the admin pages, as entered: text, so that a wrong value comes back to the
 * administrator as typed, next to its message.
 */
record DepartmentForm(String name, String prefix, String timeZone, String dailyCapacity, String targetWaitMinutes) {

    static final int MAX_NAME = 120;
    static final int MAX_CAPACITY = 100_000;
    static final int MAX_TARGET_WAIT = 1440;

    /** What a new department starts with: India's time zone, where dqms is mostly used. */
    static DepartmentForm blank() {
        return new DepartmentForm("", "", "Asia/Kolkata", "200", "30");
    }

    static DepartmentForm of(Department department) {
        return new DepartmentForm(
                department.name(),
                department.prefix().value(),
                department.timeZone().getId(),
                Integer.toString(department.dailyCapacity()),
                Integer.toString(department.targetWaitMinutes()));
    }

    /** The details, or null after recording in {@code errors} what is wrong. */
    DepartmentDetails details(FormErrors errors) {
        String cleanName = text(name);
        if (cleanName.isEmpty()) {
            errors.reject("name", "admin.error.required");
        } else if (cleanName.length() > MAX_NAME) {
            errors.reject("name", "admin.error.tooLong", MAX_NAME);
        }
        String cleanPrefix = text(prefix);
        if (!cleanPrefix.matches("[A-Z]{2,6}")) {
            errors.reject("prefix", "admin.department.error.prefix");
        }
        String zone = text(timeZone);
        if (!TimeZones.known(zone)) {
            errors.reject("timeZone", "admin.department.error.timeZone");
        }
        Integer capacity = number(dailyCapacity, MAX_CAPACITY, "dailyCapacity", errors);
        Integer targetWait = number(targetWaitMinutes, MAX_TARGET_WAIT, "targetWaitMinutes", errors);
        if (errors.any()) {
            return null;
        }
        return new DepartmentDetails(
                cleanName, new DepartmentPrefix(cleanPrefix), ZoneId.of(zone), capacity, targetWait);
    }

    private static Integer number(String value, int max, String field, FormErrors errors) {
        try {
            int parsed = Integer.parseInt(text(value));
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below, as for a number out of range.
        }
        errors.reject(field, "admin.error.range", 1, max);
        return null;
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
