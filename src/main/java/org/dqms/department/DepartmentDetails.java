package org.dqms.department;

import java.time.ZoneId;
import java.util.Objects;

/** What an administrator sets when creating or updating a department; hours are set separately. */
public record DepartmentDetails(
        String name, DepartmentPrefix prefix, ZoneId timeZone, int dailyCapacity, int targetWaitMinutes) {

    public DepartmentDetails {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(timeZone, "timeZone");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a department needs a name");
        }
        name = name.strip();
        if (dailyCapacity < 1 || targetWaitMinutes < 1) {
            throw new IllegalArgumentException("daily capacity and target wait must be at least 1");
        }
    }
}
