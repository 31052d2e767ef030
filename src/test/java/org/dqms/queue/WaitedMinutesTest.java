package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaitedMinutesTest {

    private static final Instant NOW = Instant.parse("2030-01-15T06:00:00Z");

    @Test
    void countsWholeMinutesSinceJoining() {
        assertThat(WaitedMinutes.since(NOW.minusSeconds(12 * 60 + 59), NOW)).isEqualTo(12);
    }

    @Test
    void aPlaceStillAheadHasWaitedNoTime() {
        assertThat(WaitedMinutes.since(NOW.plusSeconds(20 * 60), NOW)).isZero();
    }
}
