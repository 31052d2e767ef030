package org.dqms.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a token has waited, as the consoles and the overview show it. An appointment checked in
 * early takes its place from the booked time, which is still ahead: until then it has waited no
 * time, not a negative one.
 */
public final class WaitedMinutes {

    private WaitedMinutes() {}

    /** Whole minutes from {@code joinedAt} to {@code now}; 0 while {@code joinedAt} is still ahead. */
    public static long since(Instant joinedAt, Instant now) {
        return Math.max(0, Duration.between(joinedAt, now).toMinutes());
    }
}
