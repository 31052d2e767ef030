package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rounds go on after a failed one, end on stop, and finish lets the round under way end; a stop
 * with a wait interrupts it and waits for it to end.
 */
class RoundsTest {

    @Test
    void aFailedRoundIsReportedAndTheNextOnesRun() throws Exception {
        assertThat(failuresOfRoundsWhoseFirstThrows(new IllegalStateException("first round fails")))
                .singleElement()
                .extracting(Throwable::getMessage)
                .isEqualTo("first round fails");
    }

    @Test
    void aRoundEndingInAnErrorIsReportedAndTheNextOnesRun() throws Exception {
        assertThat(failuresOfRoundsWhoseFirstThrows(new NoClassDefFoundError("org/dqms/Missing")))
                .singleElement()
                .isInstanceOf(NoClassDefFoundError.class);
    }

    /** Runs rounds until the third, the first throwing {@code thrown}; what was reported failed. */
    private static List<Throwable> failuresOfRoundsWhoseFirstThrows(Throwable thrown) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch third = new CountDownLatch(3);
        Rounds rounds = Rounds.start(
                "test-rounds",
                Duration.ZERO,
                Duration.ofMillis(5),
                () -> {
                    third.countDown();
                    if (runs.incrementAndGet() == 1) {
                        sneakyThrow(thrown);
                    }
                },
                failures::add);
        try {
            assertThat(third.await(10, TimeUnit.SECONDS))
                    .as("rounds after the one that threw %s", thrown)
                    .isTrue();
        } finally {
            rounds.stop();
        }
        return failures;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable thrown) throws T {
        throw (T) thrown;
    }

    @Test
    void noRoundRunsAfterAStop() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        Rounds rounds = Rounds.start(
                "test-rounds",
                Duration.ZERO,
                Duration.ofMillis(5),
                () -> {
                    runs.incrementAndGet();
                    first.countDown();
                },
                e -> {});
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();

        rounds.finish(Duration.ofSeconds(5));
        int afterStop = runs.get();
        Thread.sleep(50);

        assertThat(runs.get()).isEqualTo(afterStop);
    }

    @Test
    void finishWaitsForTheRoundUnderWay() throws Exception {
        AtomicInteger ended = new AtomicInteger();
        Rounds rounds = underWay(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ended.incrementAndGet();
        });

        rounds.finish(Duration.ofSeconds(5));

        assertThat(ended.get()).isEqualTo(1);
    }

    @Test
    void aStopWithAWaitInterruptsTheRoundAndWaitsForItsEnd() throws Exception {
        AtomicInteger putBack = new AtomicInteger();
        Rounds rounds = underWay(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // What an interrupted round does before it ends: it takes a while.
                long until = System.nanoTime() + Duration.ofMillis(200).toNanos();
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                putBack.incrementAndGet();
            }
        });

        long before = System.nanoTime();
        rounds.stop(Duration.ofSeconds(5));

        assertThat(putBack.get()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    }

    /** Rounds whose first, {@code round}, has started; the next would come a minute after it. */
    private static Rounds underWay(Runnable round) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Rounds rounds = Rounds.start(
                "test-rounds",
                Duration.ZERO,
                Duration.ofSeconds(60),
                () -> {
                    started.countDown();
                    round.run();
                },
                e -> {});
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        return rounds;
    }
}
