package org.dqms.doctor;

/** Whether a doctor is seeing patients now; only doctors on duty count towards wait estimates. */
public enum DutyStatus {
    /** Seeing patients: can call the next one. */
    ON_DUTY,
    /** Away for a while (a break, a ward round) and expected back today. */
    ON_BREAK,
    /** Not working now. */
    OFF_DUTY
}
