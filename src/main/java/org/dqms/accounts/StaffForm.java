package org.dqms.accounts;

import java.util.List;
import java.util.Set;
import org.dqms.platform.web.FormErrors;
import org.dqms.platform.web.FormInput;

/**
 * The form that creates a staff account, as entered. Departments count only for reception and the
 * doctor only for a doctor, so that switching the role after ticking boxes does not refuse the form.
 * The password is never sent back to the page.
 */
record StaffForm(String name, String email, String role, List<Long> departmentIds, String doctorId, String password) {

    static final List<Role> STAFF_ROLES = List.of(Role.RECEPTION, Role.DOCTOR, Role.ADMIN);

    StaffForm {
        departmentIds = FormInput.chosen(departmentIds);
    }

    static StaffForm blank() {
        return new StaffForm("", "", Role.RECEPTION.name(), List.of(), "", "");
    }

    /** What the page shows again after a refusal: everything but the password. */
    StaffForm withoutPassword() {
        return new StaffForm(name, email, role, departmentIds, doctorId, "");
    }

    public boolean ticked(long departmentId) {
        return departmentIds.contains(departmentId);
    }

    public boolean chose(long doctor) {
        return Long.toString(doctor).equals(doctorId);
    }

    /** Records each of name, email and password left empty, so that all show at once. */
    void requireFilled(FormErrors errors) {
        if (name == null || name.isBlank()) {
            errors.reject("name", "admin.error.required");
        }
        if (email == null || email.isBlank()) {
            errors.reject("email", "admin.error.required");
        }
        if (password == null || password.isEmpty()) {
            errors.reject("password", "admin.error.required");
        }
    }

    /** The role, or null after recording that none of the staff roles was chosen. */
    Role staffRole(FormErrors errors) {
        Role chosen = STAFF_ROLES.stream()
                .filter(r -> r.name().equals(role))
                .findFirst()
                .orElse(null);
        if (chosen == null) {
            errors.reject("role", "admin.user.error.role");
        }
        return chosen;
    }

    Set<Long> departmentsFor(Role chosen) {
        return chosen == Role.RECEPTION ? Set.copyOf(departmentIds) : Set.of();
    }

    /** The chosen doctor for a doctor's account, or null; records a value that is not a doctor's id. */
    Long doctorFor(Role chosen, FormErrors errors) {
        if (chosen != Role.DOCTOR) {
            return null;
        }
        try {
            return Long.valueOf(doctorId == null ? "" : doctorId.strip());
        } catch (NumberFormatException e) {
            errors.reject("doctorId", "admin.user.error.doctor");
            return null;
        }
    }
}
