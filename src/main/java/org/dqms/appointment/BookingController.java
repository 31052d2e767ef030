package org.dqms.appointment;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.dqms.accounts.Role;
import org.dqms.department.DepartmentService;
import org.dqms.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a patient does, with or without an account: see free slots, book, and through the manage
 * link (the appointment's unguessable UUID) see, add to a calendar, reschedule, cancel and check in.
 */
@RestController
class BookingController {

    private final BookingService bookings;
    private final CheckInService checkIns;
    private final AppointmentViews views;
    private final DepartmentService departments;
    private final Clock clock;

    BookingController(
            BookingService bookings,
            CheckInService checkIns,
            AppointmentViews views,
            DepartmentService departments,
            Clock clock) {
        this.bookings = bookings;
        this.checkIns = checkIns;
        this.views = views;
        this.departments = departments;
        this.clock = clock;
    }

    /** A slot as the booking page shows it; {@code free} 0 means full. */
    record SlotView(java.time.Instant startsAt, java.time.Instant endsAt, int capacity, int free) {}

    /** The plan's slots on a date of its department's calendar; slots kept for walk-ins are left out. */
    @GetMapping("/api/v1/booking-plans/{id}/slots")
    List<SlotView> slots(@PathVariable long id, @RequestParam LocalDate date) {
        return bookings.slots(id, date).stream()
                .filter(s -> !s.forWalkIns())
                .map(s -> new SlotView(s.startsAt(), s.endsAt(), s.capacity(), s.free()))
                .toList();
    }

    @PostMapping("/api/v1/booking-plans/{id}/appointments")
    ResponseEntity<AppointmentView> book(
            Caller caller, @PathVariable long id, @Valid @RequestBody AppointmentRequests.Book request) {
        Long userId = caller.is(Role.PATIENT) ? caller.userId() : null;
        Appointment booked = bookings.book(
                caller.actor(),
                id,
                request.startsAt(),
                new BookingService.Booking(
                        request.patientName().strip(),
                        request.phone(),
                        blankToNull(request.email()),
                        userId,
                        request.notifications() == null
                                ? java.util.Set.of()
                                : java.util.Set.copyOf(request.notifications())));
        return ResponseEntity.created(URI.create(
                        "/api/v1/appointments/by-link/" + booked.state().publicId()))
                .body(views.forPatient(booked));
    }

    @GetMapping("/api/v1/appointments/by-link/{publicId}")
    AppointmentView get(@PathVariable UUID publicId) {
        return views.forPatient(bookings.find(publicId));
    }

    @GetMapping("/api/v1/appointments/by-link/{publicId}/calendar.ics")
    ResponseEntity<String> calendar(@PathVariable UUID publicId) {
        Appointment.State a = bookings.find(publicId).state();
        String department = departments.get(a.departmentId()).name();
        String ics = Calendar.event(a, "Appointment: " + department, department, views.manageLink(a), clock.instant());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/calendar; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"appointment.ics\"")
                .body(ics);
    }

    @PostMapping("/api/v1/appointments/by-link/{publicId}/reschedule")
    AppointmentView reschedule(
            Caller caller, @PathVariable UUID publicId, @Valid @RequestBody AppointmentRequests.Reschedule request) {
        return views.forPatient(bookings.reschedule(caller.actor(), publicId, request.startsAt()));
    }

    @PostMapping("/api/v1/appointments/by-link/{publicId}/cancel")
    AppointmentView cancel(
            Caller caller,
            @PathVariable UUID publicId,
            @Valid @RequestBody(required = false) AppointmentRequests.Cancel request) {
        return views.forPatient(bookings.cancel(caller.actor(), publicId, request == null ? null : request.reason()));
    }

    @PostMapping("/api/v1/appointments/by-link/{publicId}/check-in")
    AppointmentView checkIn(Caller caller, @PathVariable UUID publicId) {
        return views.forPatient(checkIns.checkIn(caller.actor(), publicId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
