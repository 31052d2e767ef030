package org.dqms.appointment;

import jakarta.validation.Valid;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dqms.accounts.Role;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.ForbiddenException;
import org.dqms.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff on appointments: a department's day (reception of it, administrators; a doctor who serves
 * it sees their own appointments and the department's, as on their schedule page) and check-in,
 * reschedule and cancel at the desk (reception of the department, administrators).
 */
@RestController
class AppointmentStaffController {

    private final AppointmentRepository appointments;
    private final BookingService bookings;
    private final CheckInService checkIns;
    private final AppointmentViews views;
    private final DepartmentService departments;
    private final DoctorService doctors;

    AppointmentStaffController(
            AppointmentRepository appointments,
            BookingService bookings,
            CheckInService checkIns,
            AppointmentViews views,
            DepartmentService departments,
            DoctorService doctors) {
        this.appointments = appointments;
        this.bookings = bookings;
        this.checkIns = checkIns;
        this.views = views;
        this.departments = departments;
        this.doctors = doctors;
    }

    /**
     * The department's appointments on a date of its calendar, with each phone's earlier no-shows.
     * A doctor gets those with them or with the department as a whole, and may name only themselves
     * as {@code doctorId}.
     */
    @GetMapping("/api/v1/appointments")
    List<AppointmentView> day(
            Caller caller,
            @RequestParam long departmentId,
            @RequestParam LocalDate date,
            @RequestParam(required = false) Long doctorId) {
        Department department = departments.get(departmentId);
        Long onlyFor = requireReader(caller, departmentId, doctorId);
        ZoneId zone = department.timeZone();
        Set<Long> serving = serving(departmentId);
        return appointments
                .ofDay(
                        departmentId,
                        doctorId,
                        date.atStartOfDay(zone).toInstant(),
                        date.plusDays(1).atStartOfDay(zone).toInstant())
                .stream()
                .filter(d -> onlyFor == null || d.appointment().isFor(onlyFor))
                .map(d -> views.forStaff(d.appointment(), d.noShows(), serving))
                .toList();
    }

    @PostMapping("/api/v1/appointments/{id}/check-in")
    AppointmentView checkIn(Caller caller, @PathVariable long id) {
        requireDesk(caller, id);
        return staffView(checkIns.checkIn(caller.actor(), id));
    }

    @PostMapping("/api/v1/appointments/{id}/reschedule")
    AppointmentView reschedule(
            Caller caller, @PathVariable long id, @Valid @RequestBody AppointmentRequests.Reschedule request) {
        requireDesk(caller, id);
        return staffView(bookings.reschedule(caller.actor(), id, request.startsAt()));
    }

    @PostMapping("/api/v1/appointments/{id}/cancel")
    AppointmentView cancel(
            Caller caller,
            @PathVariable long id,
            @Valid @RequestBody(required = false) AppointmentRequests.Cancel request) {
        requireDesk(caller, id);
        return staffView(bookings.cancel(caller.actor(), id, request == null ? null : request.reason()));
    }

    private AppointmentView staffView(Appointment appointment) {
        return views.forStaff(
                appointment.state(), 0, serving(appointment.state().departmentId()));
    }

    /** The doctors who serve the department now. */
    private Set<Long> serving(long departmentId) {
        return doctors.inDepartment(departmentId).stream().map(Doctor::id).collect(Collectors.toSet());
    }

    private void requireDesk(Caller caller, long id) {
        long departmentId = bookings.find(id).state().departmentId();
        if (!caller.worksIn(departmentId)) {
            throw new ForbiddenException(
                    "Your account may not act on appointments of department " + departmentId + ".");
        }
    }

    /** Null when the caller reads the whole day; a doctor's id when they read their part of it. */
    private Long requireReader(Caller caller, long departmentId, Long doctorId) {
        if (caller.worksIn(departmentId)) {
            return null;
        }
        if (caller.is(Role.DOCTOR)
                && caller.doctorId() != null
                && doctors.find(caller.doctorId())
                        .map(d -> d.serves(departmentId))
                        .orElse(false)) {
            if (doctorId != null && !caller.isDoctor(doctorId)) {
                throw new ForbiddenException("A doctor may read only their own appointments and the department's.");
            }
            return caller.doctorId();
        }
        throw new ForbiddenException("Your account may not read appointments of department " + departmentId + ".");
    }
}
