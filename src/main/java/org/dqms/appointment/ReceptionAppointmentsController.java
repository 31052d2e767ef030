package org.dqms.appointment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.ConflictException;
import org.dqms.platform.ForbiddenException;
import org.dqms.platform.PageController;
import org.dqms.security.Caller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Reception's list of a day's appointments, with check-in (from the appointment's day) and cancel
 * at the desk. Reception sees its own departments, administrators all; phones are masked, as in
 * the staff API.
 */
@PageController
class ReceptionAppointmentsController {

    /** A row of the list. */
    record Row(
            long id,
            String time,
            String patientName,
            String phone,
            String doctor,
            AppointmentStatus status,
            int noShows,
            boolean checkInOpen,
            boolean closedThen,
            boolean doctorLeft) {}

    private final AppointmentRepository appointments;
    private final BookingService bookings;
    private final CheckInService checkIns;
    private final DepartmentService departments;
    private final DoctorService doctors;
    private final java.time.Clock clock;

    ReceptionAppointmentsController(
            AppointmentRepository appointments,
            BookingService bookings,
            CheckInService checkIns,
            DepartmentService departments,
            DoctorService doctors,
            java.time.Clock clock) {
        this.appointments = appointments;
        this.bookings = bookings;
        this.checkIns = checkIns;
        this.departments = departments;
        this.doctors = doctors;
        this.clock = clock;
    }

    @GetMapping("/reception/appointments")
    String day(
            Caller caller,
            @RequestParam(required = false) Long department,
            @RequestParam(required = false) LocalDate date,
            @RequestParam(required = false) String msg,
            Model model) {
        List<Department> choices =
                departments.all().stream().filter(d -> caller.worksIn(d.id())).toList();
        model.addAttribute("departments", choices);
        model.addAttribute("msg", PageRefusals.shown(msg));
        if (department == null) {
            if (choices.isEmpty()) {
                model.addAttribute("department", null);
                return "appointments/reception";
            }
            department = choices.get(0).id();
        }
        Department shown = departments.get(department);
        requireDesk(caller, shown.id());
        ZoneId zone = shown.timeZone();
        LocalDate day = date == null ? shown.today(clock.instant()) : date;
        Map<Long, String> serving =
                doctors.inDepartment(shown.id()).stream().collect(Collectors.toMap(Doctor::id, Doctor::name));
        model.addAttribute("department", shown);
        model.addAttribute("date", day);
        model.addAttribute(
                "rows",
                appointments
                        .ofDay(
                                shown.id(),
                                null,
                                day.atStartOfDay(zone).toInstant(),
                                day.plusDays(1).atStartOfDay(zone).toInstant())
                        .stream()
                        .map(d -> row(d, shown, serving, clock.instant()))
                        .toList());
        return "appointments/reception";
    }

    @PostMapping("/reception/appointments/{id}/check-in")
    String checkIn(Caller caller, @PathVariable long id) {
        Appointment.State a = desk(caller, id);
        return act(a, "appt.done.checked-in", () -> checkIns.checkIn(caller.actor(), id));
    }

    @PostMapping("/reception/appointments/{id}/cancel")
    String cancel(Caller caller, @PathVariable long id) {
        Appointment.State a = desk(caller, id);
        return act(a, "appt.done.cancelled", () -> bookings.cancel(caller.actor(), id, "cancelled at reception"));
    }

    private String act(Appointment.State a, String done, Runnable action) {
        String message;
        try {
            action.run();
            message = done;
        } catch (ConflictException e) {
            message = PageRefusals.of(e);
        }
        LocalDate day = a.startsAt()
                .atZone(departments.get(a.departmentId()).timeZone())
                .toLocalDate();
        return "redirect:/reception/appointments?department=" + a.departmentId() + "&date=" + day + "&msg=" + message;
    }

    private Appointment.State desk(Caller caller, long id) {
        Appointment.State a = bookings.find(id).state();
        requireDesk(caller, a.departmentId());
        return a;
    }

    private static void requireDesk(Caller caller, long departmentId) {
        if (!caller.worksIn(departmentId)) {
            throw new ForbiddenException("Your account may not see appointments of department " + departmentId + ".");
        }
    }

    /**
     * A row; {@code closedThen} marks a booked appointment at a time the department is no longer
     * open, {@code doctorLeft} one with a doctor who no longer serves it, named all the same.
     */
    private Row row(AppointmentRepository.OfDay d, Department department, Map<Long, String> serving, Instant now) {
        Appointment.State a = d.appointment();
        ZoneId zone = department.timeZone();
        boolean doctorLeft = a.withDoctorWhoLeft(serving.keySet());
        return new Row(
                a.id(),
                SlotChoices.TIME.format(a.startsAt().atZone(zone)),
                a.patientName(),
                AppointmentView.masked(a.phone()),
                a.doctorId() == null
                        ? null
                        : doctorLeft
                                ? doctors.find(a.doctorId()).map(Doctor::name).orElse("")
                                : serving.get(a.doctorId()),
                a.status(),
                d.noShows(),
                !now.isBefore(checkIns.opensAt(a, zone)),
                a.status() == AppointmentStatus.BOOKED && !department.isOpen(a.startsAt()),
                doctorLeft);
    }
}
