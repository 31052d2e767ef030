package org.dqms.doctor;

/**
 * An administrator changed a doctor, or a doctor's duty status changed; published by {@link
 * DoctorService} inside the transaction of the change.
 *
 * @param actor who changed it, as {@link org.dqms.platform.Actor#label()}
 * @param detail what a listener may show about the change: the new duty status, or empty
 */
public record DoctorChanged(long doctorId, Change change, String actor, String detail) {

    /** What was changed. */
    public enum Change {
        /** The doctor was created. */
        CREATED,
        /** Name, room, specialization, consultation time or departments changed. */
        UPDATED,
        /** The doctor was deleted. */
        DELETED,
        /** The doctor went on duty, on a break or off duty. */
        DUTY_CHANGED
    }
}
