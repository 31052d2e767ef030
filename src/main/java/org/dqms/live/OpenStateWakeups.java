package org.dqms.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Reads a department again at the moment it opens or closes. Nothing is written then, so no NOTIFY
 * comes, yet the boards' Closed notice must turn. Every instance wakes its own streams from the hours
 * and the clock it reads alike, so no instance waits on another and no browser's clock is trusted.
 * Used on the hub's sender thread only, which also runs the wake-ups: nothing here is shared.
 */
final class OpenStateWakeups {

    /**
     * The longest a department sleeps: a department that changes in a week is read again every hour
     * meanwhile, so that a wall clock set right by NTP (the timer counts elapsed time) or a suspended
     * host cannot move its switch by more than the clock moved.
     */
    static final Duration LONGEST = Duration.ofHours(1);

    private record Wakeup(Instant at, ScheduledFuture<?> future) {}

    private final ScheduledExecutorService sender;
    private final Clock clock;
    private final LongConsumer wake;
    private final Map<Long, Wakeup> wakeups = new HashMap<>();

    OpenStateWakeups(ScheduledExecutorService sender, Clock clock, LongConsumer wake) {
        this.sender = sender;
        this.clock = clock;
        this.wake = wake;
    }

    /**
     * After a snapshot of the department: wake it when it next opens or closes ({@code turns}, null
     * for not within a year), or in {@link #LONGEST} if that is sooner. A wake-up already due no
     * later stays; it reads the department, which brings the next one.
     */
    void after(long departmentId, Instant turns) {
        Instant now = clock.instant();
        Instant latest = now.plus(LONGEST);
        Instant at = turns == null || turns.isAfter(latest) ? latest : turns;
        Wakeup planned = wakeups.get(departmentId);
        if (planned != null && !planned.at().isAfter(at)) {
            return;
        }
        if (planned != null) {
            planned.future().cancel(false);
        }
        long nanos = Math.max(0, Duration.between(now, at).toNanos());
        try {
            ScheduledFuture<?> future = sender.schedule(
                    () -> {
                        wakeups.remove(departmentId);
                        wake.accept(departmentId);
                    },
                    nanos,
                    TimeUnit.NANOSECONDS);
            wakeups.put(departmentId, new Wakeup(at, future));
        } catch (RejectedExecutionException e) {
            // Shutting down.
        }
    }
}
