package org.dqms.appointment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dqms.appointment.AppointmentEvents.AppointmentCancelled;
import org.dqms.appointment.AppointmentEvents.AppointmentCheckedIn;
import org.dqms.appointment.AppointmentEvents.AppointmentMissed;
import org.dqms.appointment.AppointmentEvents.AppointmentRescheduled;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;

/**
 * A booked time with a department or doctor. It changes only through the guarded methods below;
 * each checks the status (and the cut-off for changes), records a history line and an event.
 */
final class Appointment {

    static final String CLOSED_AT_BOOKED_TIME = "cancelled: the department was closed at the booked time";

    /** One line of history. */
    record Change(
            AppointmentStatus from,
            AppointmentStatus to,
            Instant fromStartsAt,
            Instant toStartsAt,
            String actor,
            String reason,
            Instant at) {}

    /** The stored state. */
    record State(
            long id,
            UUID publicId,
            long planId,
            long departmentId,
            Long doctorId,
            Instant startsAt,
            Instant endsAt,
            String patientName,
            String phone,
            String email,
            Long userId,
            AppointmentStatus status,
            Placement placement,
            Long tokenId,
            Instant createdAt,
            int version) {

        /** Whether the doctor sees it: booked with them, or with the department as a whole. */
        boolean isFor(long doctor) {
            return doctorId == null || doctorId == doctor;
        }

        /**
         * Booked with a doctor who is not among those serving the department now (ADR 25): no
         * doctor's schedule shows it, and its check-in is for any of the department's doctors.
         */
        boolean withDoctorWhoLeft(java.util.Set<Long> servingDoctors) {
            return doctorId != null && !servingDoctors.contains(doctorId);
        }

        /**
         * The first moment a check-in is accepted: the start of the appointment's day in the
         * department's zone, or the start of its early window if that comes sooner (an appointment
         * just after midnight). Before it the token would join the queue of another day, and the
         * appointment could not be checked in on its own.
         */
        Instant checkInOpensAt(ZoneId zone, Duration early) {
            Instant dayStarts =
                    startsAt.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
            Instant windowStarts = startsAt.minus(early);
            return windowStarts.isBefore(dayStarts) ? windowStarts : dayStarts;
        }
    }

    private State state;
    private final List<Change> changes = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();

    Appointment(State state) {
        this.state = state;
    }

    State state() {
        return state;
    }

    /** Moves to another slot of the same plan, before the cut-off. */
    void reschedule(Instant startsAt, Instant endsAt, Actor actor, Instant now, Duration cutoff) {
        requireChangeable(now, cutoff, "rescheduled");
        Instant from = state.startsAt();
        state = with(state.status(), startsAt, endsAt, state.placement(), state.tokenId());
        changes.add(new Change(state.status(), state.status(), from, startsAt, actor.label(), "rescheduled", now));
        events.add(new AppointmentRescheduled(state.id(), state.departmentId(), from, startsAt));
    }

    /** Cancels before the cut-off; its slot is released by the caller. */
    void cancel(Actor actor, Instant now, Duration cutoff, String reason) {
        requireChangeable(now, cutoff, "cancelled");
        move(AppointmentStatus.CANCELLED, actor, now, reason == null ? "cancelled" : reason);
        events.add(new AppointmentCancelled(state.id(), state.departmentId(), state.startsAt(), false));
    }

    /** Refuses a check-in, before its token is issued, unless BOOKED and check-in has opened. */
    void requireCheckInOpen(Instant now, ZoneId zone, Duration early) {
        requireBooked("checked in");
        Instant opens = state.checkInOpensAt(zone, early);
        if (now.isBefore(opens)) {
            throw new ConflictException(
                    "Too early to check in",
                    "Check-in opens on the day of the appointment, at " + opens + "; this one starts at "
                            + state.startsAt() + ".",
                    Map.of("reason", "too-early", "earliestCheckInAt", opens.toString()));
        }
    }

    /** The patient arrived; the token that now holds their place. */
    void checkIn(long tokenId, Placement placement, Actor actor, Instant now) {
        requireBooked("checked in");
        state = with(AppointmentStatus.CHECKED_IN, state.startsAt(), state.endsAt(), placement, tokenId);
        changes.add(new Change(
                AppointmentStatus.BOOKED,
                AppointmentStatus.CHECKED_IN,
                state.startsAt(),
                state.startsAt(),
                actor.label(),
                "checked in: " + placement,
                now));
        events.add(new AppointmentCheckedIn(state.id(), state.departmentId(), tokenId, placement));
    }

    /**
     * The department was closed at the booked time (a closed date, or shorter hours, set after the
     * booking), so the patient could not have come: cancelled by dqms, never the patient's no-show.
     */
    void cancelAsClosed(Instant now) {
        requireBooked("cancelled");
        move(AppointmentStatus.CANCELLED, Actor.SYSTEM, now, CLOSED_AT_BOOKED_TIME);
        events.add(new AppointmentCancelled(state.id(), state.departmentId(), state.startsAt(), true));
    }

    /** Not checked in by the end of the late window. */
    void markNoShow(Instant now) {
        requireBooked("marked as missed");
        move(AppointmentStatus.NO_SHOW, Actor.SYSTEM, now, "not checked in by the end of the window");
        events.add(new AppointmentMissed(state.id(), state.departmentId(), state.startsAt()));
    }

    /**
     * Where a check-in at {@code now} places the patient: inside [booked − early, booked + late] at
     * the booked time, otherwise from the arrival.
     */
    Placement placementAt(Instant now, Duration early, Duration late) {
        if (now.isBefore(state.startsAt().minus(early))) {
            return Placement.ARRIVED_EARLY;
        }
        if (now.isAfter(state.startsAt().plus(late))) {
            return Placement.ARRIVED_LATE;
        }
        return Placement.BOOKED_TIME;
    }

    List<Change> drainChanges() {
        List<Change> drained = List.copyOf(changes);
        changes.clear();
        return drained;
    }

    List<Object> drainEvents() {
        List<Object> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    private void move(AppointmentStatus to, Actor actor, Instant now, String reason) {
        AppointmentStatus from = state.status();
        state = with(to, state.startsAt(), state.endsAt(), state.placement(), state.tokenId());
        changes.add(new Change(from, to, state.startsAt(), state.startsAt(), actor.label(), reason, now));
    }

    private void requireChangeable(Instant now, Duration cutoff, String what) {
        requireBooked(what);
        Instant last = state.startsAt().minus(cutoff);
        if (!now.isBefore(last)) {
            throw new ConflictException(
                    "Too late to change",
                    "An appointment can be " + what + " until " + cutoff.toMinutes() + " minutes before it; this one"
                            + " starts at " + state.startsAt() + ".",
                    Map.of("reason", "past-cutoff", "lastChangeAt", last.toString()));
        }
    }

    private void requireBooked(String what) {
        if (state.status() != AppointmentStatus.BOOKED) {
            throw new ConflictException(
                    "Appointment not booked",
                    "A " + state.status() + " appointment cannot be " + what + ".",
                    Map.of("reason", "status", "currentStatus", state.status().name()));
        }
    }

    private State with(AppointmentStatus status, Instant startsAt, Instant endsAt, Placement placement, Long tokenId) {
        return new State(
                state.id(),
                state.publicId(),
                state.planId(),
                state.departmentId(),
                state.doctorId(),
                startsAt,
                endsAt,
                state.patientName(),
                state.phone(),
                state.email(),
                state.userId(),
                status,
                placement,
                tokenId,
                state.createdAt(),
                state.version());
    }
}
