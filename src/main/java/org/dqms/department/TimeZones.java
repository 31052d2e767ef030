package org.dqms.department;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The time zones a department may have: IANA zones that Java and PostgreSQL both know, since local
 * days and hours are computed on both sides ({@code AT TIME ZONE} in SQL). Java keeps the
 * {@code SystemV/} zones, which the IANA database dropped in 2020: PostgreSQL 17 does not know them,
 * and they are the only zones of Java 17 to 25 that it lacks, with its own time zone data or the
 * operating system's. Departments saved with one before it was refused were given a matching zone by
 * migration V17.
 */
final class TimeZones {

    /** Every such zone, sorted, for the time zone field's suggestions. */
    static final List<String> ALL = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> !id.startsWith("SystemV/"))
            .sorted()
            .toList();

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private TimeZones() {}

    static boolean known(String id) {
        return id != null && KNOWN.contains(id);
    }
}
