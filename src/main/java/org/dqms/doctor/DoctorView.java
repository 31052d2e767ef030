package org.dqms.doctor;

import java.util.List;

/** A doctor as the API shows it, with department ids in ascending order. */
record DoctorView(
        long id,
        String name,
        String room,
        String specialization,
        int consultationMinutes,
        DutyStatus dutyStatus,
        List<Long> departmentIds) {

    static DoctorView of(Doctor doctor) {
        return new DoctorView(
                doctor.id(),
                doctor.name(),
                doctor.room(),
                doctor.specialization(),
                doctor.consultationMinutes(),
                doctor.dutyStatus(),
                doctor.departmentIds().stream().sorted().toList());
    }
}
