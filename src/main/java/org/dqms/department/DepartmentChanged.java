package org.dqms.department;

/**
 * An administrator changed a department; published by {@link DepartmentService} inside the
 * transaction of the change.
 *
 * @param actor who changed it, as {@link org.dqms.platform.Actor#label()}
 * @param detail what a listener may show about the change: the prefix, or the date closed or reopened
 */
public record DepartmentChanged(long departmentId, Change change, String actor, String detail) {

    /** What was changed. */
    public enum Change {
        /** The department was created. */
        CREATED,
        /** Name, prefix, time zone, capacity or target wait changed. */
        UPDATED,
        /** The department was deleted. */
        DELETED,
        /** The weekly hours and closed dates were replaced. */
        HOURS_SET,
        /** The department was closed on one date. */
        CLOSED_ON,
        /** A closed date was reopened. */
        REOPENED_ON
    }
}
