package org.dqms.department;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A department patients queue for, such as General OPD. Its hours, dates and "today" are in its
 * own time zone, which need not be the server's.
 */
public record Department(
        long id,
        String name,
        DepartmentPrefix prefix,
        ZoneId timeZone,
        int dailyCapacity,
        int targetWaitMinutes,
        WeeklyHours hours) {

    public Department {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(hours, "hours");
    }

    /** The department's service date at the given moment, in its own time zone. */
    public LocalDate today(Instant now) {
        return now.atZone(timeZone).toLocalDate();
    }

    /** True if the department is open at the given moment. */
    public boolean isOpen(Instant at) {
        return hours.isOpen(at, timeZone);
    }

    /** When the department next opens or closes after the given moment; see {@link WeeklyHours}. */
    public Optional<Instant> nextOpeningOrClosing(Instant at) {
        return hours.nextOpeningOrClosing(at, timeZone);
    }
}
