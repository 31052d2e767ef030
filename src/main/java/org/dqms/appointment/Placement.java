package org.dqms.appointment;

/** Where a check-in put the patient in the queue, and why. */
public enum Placement {
    /** Inside the early/late window: the token takes its place from the booked time. */
    BOOKED_TIME,
    /** Before the window: a walk-in from the arrival time. */
    ARRIVED_EARLY,
    /** After the window: a walk-in from the arrival time. */
    ARRIVED_LATE
}
