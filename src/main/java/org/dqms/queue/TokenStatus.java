package org.dqms.queue;

import java.util.Set;

/** Where a token is in its life. */
public enum TokenStatus {
    /** In the queue, waiting to be called. */
    WAITING,
    /** Called to a room; the patient is on the way. */
    CALLED,
    /** With the doctor. */
    IN_CONSULTATION,
    /** Seen by the doctor; the visit to this department is over. */
    COMPLETED,
    /** Called but never came, after the allowed recalls or the timeout. */
    NO_SHOW,
    /** Withdrawn by the patient or by staff. */
    CANCELLED,
    /** Sent on to another department or doctor, where a new token continues the journey. */
    TRANSFERRED,
    /** Still waiting when the department closed. */
    EXPIRED;

    private static final Set<TokenStatus> ACTIVE = Set.of(WAITING, CALLED, IN_CONSULTATION);

    /** Whether the token still holds a place or a doctor. */
    public boolean isActive() {
        return ACTIVE.contains(this);
    }
}
