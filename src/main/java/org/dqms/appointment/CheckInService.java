package org.dqms.appointment;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.dqms.department.DepartmentService;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.queue.AppointmentCheckIns;
import org.dqms.queue.AppointmentCheckIns.CheckIn;
import org.dqms.queue.AppointmentCheckIns.Issued;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Check-in turns an appointment into a token in the same queue as walk-ins. Inside the early/late
 * window the token takes its place from the booked time; outside it, from the arrival, as a
 * walk-in. Either way the appointment records the placement and the token's history says why.
 */
@Service
class CheckInService {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final AppointmentRepository appointments;
    private final BookingService bookings;
    private final AppointmentCheckIns queue;
    private final DepartmentService departments;
    private final AppointmentSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CheckInService(
            AppointmentRepository appointments,
            BookingService bookings,
            AppointmentCheckIns queue,
            DepartmentService departments,
            AppointmentSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.appointments = appointments;
        this.bookings = bookings;
        this.queue = queue;
        this.departments = departments;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** When the appointment may be checked in from, for the pages to offer it then. */
    Instant opensAt(Appointment.State a, ZoneId zone) {
        return a.checkInOpensAt(zone, settings.earlyWindow());
    }

    /**
     * Through the manage link: 409 unless BOOKED, before check-in opens on the appointment's day
     * ({@code too-early}), or when the department is closed or full.
     */
    @Transactional
    Appointment checkIn(Actor actor, java.util.UUID publicId) {
        return checkIn(actor, bookings.lockByLink(publicId));
    }

    /** At reception; the same rules. */
    @Transactional
    Appointment checkIn(Actor actor, long id) {
        return checkIn(actor, bookings.lock(id));
    }

    private Appointment checkIn(Actor actor, Appointment appointment) {
        Instant now = clock.instant();
        Appointment.State a = appointment.state();
        ZoneId zone = departments.get(a.departmentId()).timeZone();
        appointment.requireCheckInOpen(now, zone, settings.earlyWindow());
        Placement placement = appointment.placementAt(now, settings.earlyWindow(), settings.lateWindow());
        Instant placeAt = placement == Placement.BOOKED_TIME ? a.startsAt() : now;
        String booked = TIME.format(a.startsAt().atZone(zone));
        Issued token = queue.checkIn(
                actor,
                new CheckIn(
                        a.departmentId(),
                        a.doctorId(),
                        a.patientName(),
                        a.phone(),
                        a.email(),
                        a.userId(),
                        placeAt,
                        "checked in for the " + booked + " appointment: " + describe(placement)));
        appointment.checkIn(token.tokenId(), placement, actor, now);
        List<Object> happened = appointment.drainEvents();
        if (!appointments.save(appointment)) {
            throw new ConflictException(
                    "Appointment changed meanwhile",
                    "Someone else changed this appointment at the same moment; load it again.",
                    Map.of("reason", "concurrent-change"));
        }
        happened.forEach(events::publishEvent);
        return appointments.find(a.id()).orElseThrow();
    }

    private static String describe(Placement placement) {
        return switch (placement) {
            case BOOKED_TIME -> "in the window, placed at the booked time";
            case ARRIVED_EARLY -> "before the window, placed from arrival as a walk-in";
            case ARRIVED_LATE -> "after the window, placed from arrival as a walk-in";
        };
    }
}
