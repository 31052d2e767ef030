package org.dqms.appointment;

import org.dqms.department.DepartmentAppointments;
import org.dqms.doctor.DoctorAppointments;
import org.springframework.stereotype.Component;

/**
 * Tells the department and doctor modules how many appointments name a department or a doctor
 * they are about to delete; called in their delete's transaction, after its lock.
 */
@Component
class AppointmentRecords implements DepartmentAppointments, DoctorAppointments {

    private final AppointmentRepository appointments;

    AppointmentRecords(AppointmentRepository appointments) {
        this.appointments = appointments;
    }

    @Override
    public long inDepartment(long departmentId) {
        return appointments.countInDepartment(departmentId);
    }

    @Override
    public long withDoctor(long doctorId) {
        return appointments.countWithDoctor(doctorId);
    }
}
