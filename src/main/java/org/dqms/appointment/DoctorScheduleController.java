package org.dqms.appointment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.ForbiddenException;
import org.dqms.platform.PageController;
import org.dqms.security.Caller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The doctor's day: today's appointments in the departments they serve that are with them or with
 * the department as a whole; another doctor's bookings are theirs to see, not this one's.
 */
@PageController
class DoctorScheduleController {

    /** A row of the day. */
    record Row(Instant startsAt, String time, String department, String patientName, AppointmentStatus status) {}

    private final AppointmentRepository appointments;
    private final DepartmentService departments;
    private final DoctorService doctors;
    private final Clock clock;

    DoctorScheduleController(
            AppointmentRepository appointments, DepartmentService departments, DoctorService doctors, Clock clock) {
        this.appointments = appointments;
        this.departments = departments;
        this.doctors = doctors;
        this.clock = clock;
    }

    @GetMapping("/doctor/schedule")
    String schedule(Caller caller, Model model) {
        if (caller.doctorId() == null) {
            throw new ForbiddenException("This account is not linked to a doctor.");
        }
        Doctor doctor = doctors.get(caller.doctorId());
        List<Row> rows = doctor.departmentIds().stream()
                .map(departments::get)
                .flatMap(d -> ofToday(d, doctor.id()).stream())
                .sorted(Comparator.comparing(Row::startsAt))
                .toList();
        model.addAttribute("doctor", doctor);
        model.addAttribute("rows", rows);
        return "appointments/schedule";
    }

    private List<Row> ofToday(Department department, long doctorId) {
        ZoneId zone = department.timeZone();
        LocalDate today = department.today(clock.instant());
        return appointments
                .ofDay(
                        department.id(),
                        null,
                        today.atStartOfDay(zone).toInstant(),
                        today.plusDays(1).atStartOfDay(zone).toInstant())
                .stream()
                .map(AppointmentRepository.OfDay::appointment)
                .filter(a -> a.isFor(doctorId))
                .map(a -> new Row(
                        a.startsAt(),
                        SlotChoices.TIME.format(a.startsAt().atZone(zone)),
                        department.name(),
                        a.patientName(),
                        a.status()))
                .toList();
    }
}
