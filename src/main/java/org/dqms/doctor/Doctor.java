package org.dqms.doctor;

import java.util.Objects;
import java.util.Set;

/**
 * A doctor who sees patients in a room, for one or more departments.
 *
 * @param consultationMinutes how long a consultation usually takes, for wait estimates
 * @param departmentIds the departments the doctor serves; never empty
 */
public record Doctor(
        long id,
        String name,
        String room,
        String specialization,
        int consultationMinutes,
        DutyStatus dutyStatus,
        Set<Long> departmentIds) {

    public Doctor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(dutyStatus, "dutyStatus");
        specialization = specialization == null ? "" : specialization;
        departmentIds = Set.copyOf(departmentIds);
    }

    public boolean serves(long departmentId) {
        return departmentIds.contains(departmentId);
    }
}
