package org.dqms.doctor;

import java.util.List;
import java.util.Map;
import org.dqms.department.DepartmentDeleting;
import org.dqms.platform.ConflictException;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps every doctor in at least one department: a department that is the only one of a doctor is
 * not deleted (409) until the doctor has another.
 */
@Component
class DoctorDepartments {

    private final DoctorRepository doctors;

    DoctorDepartments(DoctorRepository doctors) {
        this.doctors = doctors;
    }

    // In the delete's transaction, where the department is locked, so no doctor joins it meanwhile.
    // The check reads only after its doctors are locked too: a delete of their other department, or an
    // edit that takes it from them, that is in flight ends first and is seen. First among the
    // listeners, as when this check was part of the delete.
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(DepartmentDeleting event) {
        doctors.lockInDepartment(event.departmentId());
        List<Long> only = doctors.servingOnly(event.departmentId());
        if (!only.isEmpty()) {
            throw new ConflictException(
                    "Department has doctors",
                    "Department " + event.departmentId() + " is the only department of doctors " + only
                            + "; move them to another department or delete them first.",
                    Map.of("doctorIds", only));
        }
    }
}
