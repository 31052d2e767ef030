package org.dqms.appointment;

import java.time.Instant;

/** What happened to appointments; notifications and the audit log listen to these. */
public final class AppointmentEvents {

    private AppointmentEvents() {}

    /** A common view of every appointment event. */
    public sealed interface AppointmentEvent
            permits AppointmentBooked,
                    AppointmentRescheduled,
                    AppointmentCancelled,
                    AppointmentCheckedIn,
                    AppointmentMissed {
        long appointmentId();

        long departmentId();
    }

    public record AppointmentBooked(long appointmentId, long departmentId, Instant startsAt)
            implements AppointmentEvent {}

    public record AppointmentRescheduled(long appointmentId, long departmentId, Instant from, Instant to)
            implements AppointmentEvent {}

    /**
     * @param departmentClosed cancelled by dqms because the department was closed at the booked time
     *     (ADR 29), not by the patient or the desk
     */
    public record AppointmentCancelled(
            long appointmentId, long departmentId, Instant startsAt, boolean departmentClosed)
            implements AppointmentEvent {}

    public record AppointmentCheckedIn(long appointmentId, long departmentId, long tokenId, Placement placement)
            implements AppointmentEvent {}

    public record AppointmentMissed(long appointmentId, long departmentId, Instant startsAt)
            implements AppointmentEvent {}
}
