package org.dqms.doctor;

import java.util.Set;

/** What an administrator sets when creating or updating a doctor; the duty status is set separately. */
public record DoctorDetails(
        String name, String room, String specialization, int consultationMinutes, Set<Long> departmentIds) {

    public DoctorDetails {
        if (name == null || name.isBlank() || room == null || room.isBlank()) {
            throw new IllegalArgumentException("a doctor needs a name and a room");
        }
        if (consultationMinutes < 1 || consultationMinutes > 240) {
            throw new IllegalArgumentException("consultation minutes must be between 1 and 240");
        }
        if (departmentIds == null || departmentIds.isEmpty()) {
            throw new IllegalArgumentException("a doctor serves at least one department");
        }
        name = name.strip();
        room = room.strip();
        specialization = specialization == null ? "" : specialization.strip();
        departmentIds = Set.copyOf(departmentIds);
    }
}
