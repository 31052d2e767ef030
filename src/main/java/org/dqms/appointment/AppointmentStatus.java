package org.dqms.appointment;

/** Where an appointment stands. */
public enum AppointmentStatus {
    /** Booked and not yet come: it can be rescheduled, cancelled or checked in. */
    BOOKED,
    /** The patient arrived; a token in the queue continues the journey. */
    CHECKED_IN,
    /** Cancelled by the patient or reception; its slot is free again. */
    CANCELLED,
    /** Not checked in by the end of the late window. */
    NO_SHOW
}
