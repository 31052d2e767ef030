package org.dqms.doctor;

import java.util.Set;
import org.dqms.platform.Actor;

/**
 * An administrator took departments from a doctor; published by {@link DoctorService} inside the
 * transaction of the change, so that what listeners do (the queue lets any of the department's
 * doctors call the patients who waited for this one) commits or rolls back with it.
 *
 * @param departmentIds the departments the doctor no longer serves
 * @param actor who changed it
 */
public record DoctorLeftDepartments(long doctorId, String doctorName, Set<Long> departmentIds, Actor actor) {

    public DoctorLeftDepartments {
        departmentIds = Set.copyOf(departmentIds);
    }
}
