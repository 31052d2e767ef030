package org.dqms.doctor;

import java.util.List;
import java.util.Set;
import org.dqms.platform.web.FormErrors;

/** The doctor form of the admin pages, as entered; the departments are the ticked checkboxes. */
record DoctorForm(
        String name, String room, String specialization, String consultationMinutes, List<Long> departmentIds) {

    static final int MAX_NAME = 120;
    static final int MAX_ROOM = 40;
    static final int MAX_SPECIALIZATION = 120;
    static final int MAX_MINUTES = 240;

    DoctorForm {
        departmentIds = departmentIds == null ? List.of() : List.copyOf(departmentIds);
    }

    static DoctorForm blank() {
        return new DoctorForm("", "", "", "10", List.of());
    }

    static DoctorForm of(Doctor doctor) {
        return new DoctorForm(
                doctor.name(),
                doctor.room(),
                doctor.specialization(),
                Integer.toString(doctor.consultationMinutes()),
                doctor.departmentIds().stream().sorted().toList());
    }

    /** For the template: whether the department's box is ticked. */
    public boolean serves(long departmentId) {
        return departmentIds.contains(departmentId);
    }

    /** The details, or null after recording in {@code errors} what is wrong. */
    DoctorDetails details(FormErrors errors) {
        required("name", name, MAX_NAME, errors);
        required("room", room, MAX_ROOM, errors);
        if (text(specialization).length() > MAX_SPECIALIZATION) {
            errors.reject("specialization", "admin.error.tooLong", MAX_SPECIALIZATION);
        }
        int minutes = 0;
        try {
            minutes = Integer.parseInt(text(consultationMinutes));
        } catch (NumberFormatException e) {
            // Reported below, as for a number out of range.
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            errors.reject("consultationMinutes", "admin.error.range", 1, MAX_MINUTES);
        }
        if (departmentIds.isEmpty()) {
            errors.reject("departmentIds", "admin.doctor.error.departments");
        }
        if (errors.any()) {
            return null;
        }
        return new DoctorDetails(text(name), text(room), text(specialization), minutes, Set.copyOf(departmentIds));
    }

    private static void required(String field, String value, int max, FormErrors errors) {
        String clean = text(value);
        if (clean.isEmpty()) {
            errors.reject(field, "admin.error.required");
        } else if (clean.length() > max) {
            errors.reject(field, "admin.error.tooLong", max);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
