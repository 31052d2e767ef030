package org.dqms.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock that tests set and move, in place of the application's; it starts at the given instant. */
public final class MovableClock extends Clock {

    private final Instant start;
    private volatile Instant now;

    public MovableClock(Instant start) {
        this.start = start;
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Back to where it started. */
    public void reset() {
        now = start;
    }
}
