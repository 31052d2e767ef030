package org.dqms.appointment;

/** Where an appointment stands. */
public enum AppointmentStatus {
    /** Booked and not yet come: it can be rescheduled, cancelled or checked in. */
    BOOKED,
    /** The patient arrived; a token in the queue continues the journey. */
    CHECKED_IN,
    /** Cancelled by the patient or reception, or by dqms if the department was closed at its time. */
    CANCELLED,
    /** Not checked in by the end of the late window, while the department was open at its time. */
    NO_SHOW
}
