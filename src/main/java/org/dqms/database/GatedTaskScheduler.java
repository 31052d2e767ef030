package org.dqms.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs repeated tasks, each round only while the {@link SchemaGate} is open; a one-off task runs
 * as planned. The gate wraps the task itself, not the executor's future: a skipped round must still
 * let the executor plan the next one.
 */
final class GatedTaskScheduler implements TaskScheduler {

    private final ThreadPoolTaskScheduler scheduler;
    private final SchemaGate gate;

    private GatedTaskScheduler(ThreadPoolTaskScheduler scheduler, SchemaGate gate) {
        this.scheduler = scheduler;
        this.gate = gate;
    }

    /** One thread, named dqms-scheduled-1, as the rounds are short and spread out. */
    static GatedTaskScheduler start(SchemaGate gate) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("dqms-scheduled-");
        scheduler.initialize();
        return new GatedTaskScheduler(scheduler, gate);
    }

    /** Interrupts the round under way and plans no further one. */
    void shutdown() {
        scheduler.shutdown();
    }

    @Override
    public Clock getClock() {
        return scheduler.getClock();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
        return scheduler.schedule(gate.guard(task), trigger);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
        return scheduler.schedule(task, startTime);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
        return scheduler.scheduleAtFixedRate(gate.guard(task), startTime, period);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
        return scheduler.scheduleAtFixedRate(gate.guard(task), period);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
        return scheduler.scheduleWithFixedDelay(gate.guard(task), startTime, delay);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
        return scheduler.scheduleWithFixedDelay(gate.guard(task), delay);
    }
}
