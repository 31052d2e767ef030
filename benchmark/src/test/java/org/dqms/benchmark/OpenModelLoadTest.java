package org.dqms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The load generator keeps its arrival schedule whatever the server does, and measures each request
 * from the moment the schedule meant to send it: a stall shows in the latency of every arrival it held
 * up, not only in the one request that stalled (coordinated omission corrected).
 */
class OpenModelLoadTest {

    private static final long MICROS_PER_MILLI = 1_000;

    private final OpenModelLoad load = new OpenModelLoad(1, () -> 0, () -> 0);

    @Test
    void aStallCountsInTheLatencyOfEveryArrivalItHeldUp() {
        // 200 arrivals a second on one connection; the request sent half a second in takes 400 ms, and
        // the 80 or so arrivals due meanwhile wait for it.
        AtomicLong firstSent = new AtomicLong();
        AtomicBoolean stalled = new AtomicBoolean();
        Executor in400ms = CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS);

        OpenModelLoad.Step step = load.run("stall", 200, 0, 2, () -> {
            long now = System.nanoTime();
            firstSent.compareAndSet(0, now);
            if (now - firstSent.get() >= TimeUnit.MILLISECONDS.toNanos(500) && stalled.compareAndSet(false, true)) {
                return CompletableFuture.supplyAsync(() -> true, in400ms);
            }
            return CompletableFuture.completedFuture(true);
        });

        assertThat(stalled).isTrue();
        assertThat(step.errors()).isZero();
        assertThat(step.latency().getTotalCount()).isEqualTo(400);
        // Measured from when each was sent, one request would be slow and p99 under a millisecond.
        assertThat(step.latency().getCountBetweenValues(100 * MICROS_PER_MILLI, step.latency().getMaxValue()))
                .isGreaterThanOrEqualTo(40);
        assertThat(step.p99Millis()).isGreaterThanOrEqualTo(300);
        assertThat(step.p50Millis()).isLessThan(50);
        assertThat(step.passes(25)).isFalse();
    }

    @Test
    void aServerThatStopsAnsweringOverloadsTheStepAndTheArrivalsNotSentAreErrors() {
        // Nothing is answered for 2.5 s: the arrivals queue behind the one outstanding request until
        // two seconds of them wait, and the generator gives the step up instead of slowing down.
        CompletableFuture<Boolean> stuck = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(2_500, TimeUnit.MILLISECONDS).execute(() -> stuck.complete(true));

        OpenModelLoad.Step step = load.run("stuck", 100, 0, 5, () -> stuck);

        assertThat(step.overloaded()).isTrue();
        // About 2 s of the 5 were sent before the step was given up: the rest are errors.
        assertThat(step.errors()).isBetween(250L, 320L);
        assertThat(step.latency().getMaxValue()).isGreaterThanOrEqualTo(1_500 * MICROS_PER_MILLI);
        assertThat(step.passes(1_000)).isFalse();
        assertThat(step.cpu()).startsWith("stopped early (overloaded)");
    }

    @Test
    void aStepTheServerKeepsUpWithPasses() {
        OpenModelLoad wide = new OpenModelLoad(64, () -> 0, () -> 0);
        Executor in5ms = CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS);

        OpenModelLoad.Step step = wide.run("steady", 200, 1, 2, () -> CompletableFuture.supplyAsync(() -> true, in5ms));

        assertThat(step.overloaded()).isFalse();
        assertThat(step.errors()).isZero();
        assertThat(step.latency().getTotalCount()).isEqualTo(400);
        assertThat(step.achievedRate()).isBetween(190.0, 210.0);
        assertThat(step.p50Millis()).isGreaterThanOrEqualTo(5);
        assertThat(step.passes(1_000)).isTrue();
    }
}
