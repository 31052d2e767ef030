package org.dqms.appointment;

import java.time.Instant;

/** What happened to appointments; notifications and the audit log listen to these. */
public final class AppointmentEvents {

    private AppointmentEvents() {}

    public record AppointmentBooked(long appointmentId, long departmentId, Instant startsAt) {}

    public record AppointmentRescheduled(long appointmentId, long departmentId, Instant from, Instant to) {}

    public record AppointmentCancelled(long appointmentId, long departmentId, Instant startsAt) {}

    public record AppointmentCheckedIn(long appointmentId, long departmentId, long tokenId, Placement placement) {}

    public record AppointmentMissed(long appointmentId, long departmentId, Instant startsAt) {}
}
