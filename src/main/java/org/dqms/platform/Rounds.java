package org.dqms.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A task run in rounds on a daemon thread of its own, each round a fixed delay after the previous one
 * ended. A round that throws, an {@link Error} included, is handed to {@code failed}, and the next
 * one runs as planned: an executor that meets an uncaught throwable runs no further round, and says so
 * to no one.
 */
public final class Rounds {

    private final ScheduledExecutorService timer;

    private Rounds(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts the rounds: the first after {@code first}, then every {@code every}. */
    public static Rounds start(
            String threadName, Duration first, Duration every, Runnable round, Consumer<Throwable> failed) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        round.run();
                    } catch (Throwable e) {
                        failed.accept(e);
                    }
                },
                first.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return new Rounds(timer);
    }

    /** No more rounds; a round under way is interrupted. */
    public void stop() {
        timer.shutdownNow();
    }

    /**
     * No more rounds; a round under way is interrupted, and has up to {@code wait} to end: to put
     * back what it holds, say, before the database goes away.
     */
    public void stop(Duration wait) {
        timer.shutdownNow();
        await(wait);
    }

    /** No more rounds; waits up to {@code wait} for a round under way to end. */
    public void finish(Duration wait) {
        timer.shutdown();
        await(wait);
    }

    private void await(Duration wait) {
        try {
            timer.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
