package org.dqms.doctor;

import java.util.OptionalDouble;

/**
 * What a department's wait estimates need of its doctors, read in one statement.
 *
 * @param doctorsOnDuty doctors on duty, each counting 1/n when they serve n departments
 * @param usualMinutes the average consultation time of the doctors on duty, or of all the
 *     department's doctors when none is; empty when it has no doctor at all
 */
public record Staffing(double doctorsOnDuty, OptionalDouble usualMinutes) {}
