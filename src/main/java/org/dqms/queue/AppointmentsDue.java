package org.dqms.queue;

import java.time.Instant;
import java.util.List;

/**
 * Booked appointments that will take a place in a department's queue when they check in. The
 * appointment module provides it; estimates count those due before a waiting patient's turn.
 */
public interface AppointmentsDue {

    /** The booked times, not yet checked in or missed, in the department from {@code now} to {@code until}. */
    List<Instant> due(long departmentId, Instant now, Instant until);
}
