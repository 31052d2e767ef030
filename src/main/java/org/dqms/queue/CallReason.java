package org.dqms.queue;

/** Why a token was the one called: recorded with every call and shown in its history. */
public enum CallReason {
    /** An emergency goes before everyone. */
    EMERGENCY,
    /** A priority patient goes before normal ones. */
    PRIORITY,
    /** The next in order of arrival. */
    ARRIVAL_ORDER,
    /** A normal patient who has waited longer than the maximum wait. */
    MAX_WAIT_REACHED,
    /** A normal patient after the allowed number of priority calls in a row. */
    PRIORITY_STREAK_LIMIT,
    /** Chosen by staff out of the usual order, with a reason of their own. */
    OUT_OF_ORDER
}
