package org.dqms.accounts;

/** What a signed-in person may do. */
public enum Role {
    /** A patient who signed up; sees and manages their own tokens. */
    PATIENT,
    /** Reception staff; issue and manage tokens in their departments. */
    RECEPTION,
    /** A doctor; calls and sees their own patients. */
    DOCTOR,
    /** An administrator; manages departments, doctors and staff accounts. */
    ADMIN
}
