package org.dqms.benchmark;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-model load generator: requests arrive at a fixed rate whatever the server does, as
 * patients and doctors do, rather than one after another as fast as answers come (a closed model,
 * which slows down with the server and hides its stalls).
 *
 * <p>Each request's latency is measured from its <em>intended</em> start, the moment the schedule
 * says it should have been sent, not from when it was actually sent. A request that had to wait
 * because the generator, a connection or an idle doctor was not available counts that wait, which
 * corrects for coordinated omission. Latencies go into an HdrHistogram in microseconds.
 */
final class OpenModelLoad {

    /** One request of the operation; completes with true on success, when the measured part ends. */
    interface Operation {
        CompletableFuture<Boolean> start();
    }

    /** What one run at one rate gave. Latencies in microseconds. */
    record Step(
            String operation,
            double offeredRate,
            double achievedRate,
            long completed,
            long errors,
            long succeeded,
            Histogram latency,
            double seconds,
            long generatorCpuMillis,
            long appCpuMillis,
            long databaseCpuMillis,
            boolean overloaded) {

        double p50Millis() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(99) / 1000.0;
        }

        double maxMillis() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
        }

        /** Within the target: p99 at most the target, no errors, and the offered rate served. */
        boolean passes(double p99TargetMillis) {
            return errors == 0 && completed > 0 && p99Millis() <= p99TargetMillis && achievedRate >= 0.95 * offeredRate;
        }

        /** Share of one core each process used while measured; "stopped early" if it was. */
        String cpu() {
            return (overloaded ? "stopped early (overloaded), " : "") + cpuShares();
        }

        private String cpuShares() {
            double ms = seconds * 1000;
            double ops = Math.max(1, completed);
            return String.format(
                    java.util.Locale.ROOT,
                    "CPU app %.0f%% (%.2f ms/op), db %s, generator %.0f%%",
                    100 * appCpuMillis / ms,
                    appCpuMillis / ops,
                    databaseCpuMillis < 0
                            ? "n/a"
                            : String.format(
                                    java.util.Locale.ROOT,
                                    "%.0f%% (%.2f ms/op)",
                                    100 * databaseCpuMillis / ms,
                                    databaseCpuMillis / ops),
                    100 * generatorCpuMillis / ms);
        }
    }

    private final int maxInFlight;
    private final LongSupplier appCpu;
    private final LongSupplier databaseCpu;

    /**
     * @param maxInFlight requests outstanding at once, like a client's connection limit; later
     *     arrivals wait for one to finish, and their wait counts in their latency
     */
    OpenModelLoad(int maxInFlight, LongSupplier appCpu, LongSupplier databaseCpu) {
        this.maxInFlight = maxInFlight;
        this.appCpu = appCpu;
        this.databaseCpu = databaseCpu;
    }

    Step run(String name, double rate, int warmupSeconds, int seconds, Operation operation) {
        Recorder recorder = new Recorder(3);
        AtomicLong completedInWindow = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong succeeded = new AtomicLong();
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        Dispatcher dispatcher = new Dispatcher(operation, recorder, completedInWindow, errors, succeeded, measureFrom, end);

        long generator0 = 0;
        long app0 = 0;
        long db0 = 0;
        boolean measuring = false;
        boolean overloaded = false;
        for (long i = 0; ; i++) {
            long intended = start + i * interval;
            if (intended >= end) {
                break;
            }
            // Two seconds of arrivals queued behind the outstanding ones: the step has failed, and
            // going on would only take longer. The arrivals not sent count as errors.
            if (measuring && dispatcher.backlog() > 2 * rate) {
                overloaded = true;
                errors.addAndGet((end - intended) / interval);
                break;
            }
            if (!measuring && intended >= measureFrom) {
                measuring = true;
                generator0 = Machine.ownCpuMillis();
                app0 = appCpu.getAsLong();
                db0 = databaseCpu.getAsLong();
            }
            long wait = intended - System.nanoTime();
            while (wait > 0) {
                LockSupport.parkNanos(wait);
                wait = intended - System.nanoTime();
            }
            dispatcher.arrive(intended);
        }
        long sleep = end - System.nanoTime();
        if (sleep > 0 && !overloaded) {
            LockSupport.parkNanos(sleep);
        }
        long generatorCpu = Machine.ownCpuMillis() - generator0;
        long appCpuUsed = appCpu.getAsLong() - app0;
        long dbCpu = databaseCpu.getAsLong();
        long dbCpuUsed = dbCpu < 0 ? -1 : dbCpu - db0;
        // What is still outstanding may finish (requests time out after 15 s); what does not within
        // 20 s is an error, and its latency so far is recorded (never sent: since its intended
        // start; sent: since the end).
        long unfinished = dispatcher.drain(TimeUnit.SECONDS.toNanos(20));
        errors.addAndGet(unfinished);
        return new Step(
                name,
                rate,
                completedInWindow.get() / (double) seconds,
                completedInWindow.get(),
                errors.get(),
                succeeded.get(),
                recorder.getIntervalHistogram(),
                seconds,
                generatorCpu,
                appCpuUsed,
                dbCpuUsed,
                overloaded);
    }

    /** Sends arrivals, at most {@code maxInFlight} at a time, and records their outcomes. */
    private final class Dispatcher {

        private final Operation operation;
        private final Recorder recorder;
        private final AtomicLong completedInWindow;
        private final AtomicLong errors;
        private final AtomicLong succeeded;
        private final long measureFrom;
        private final long end;
        private final ArrayDeque<Long> backlog = new ArrayDeque<>();
        private int inFlight;

        Dispatcher(
                Operation operation,
                Recorder recorder,
                AtomicLong completedInWindow,
                AtomicLong errors,
                AtomicLong succeeded,
                long measureFrom,
                long end) {
            this.operation = operation;
            this.recorder = recorder;
            this.completedInWindow = completedInWindow;
            this.errors = errors;
            this.succeeded = succeeded;
            this.measureFrom = measureFrom;
            this.end = end;
        }

        synchronized int backlog() {
            return backlog.size();
        }

        void arrive(long intended) {
            synchronized (this) {
                if (inFlight >= maxInFlight) {
                    backlog.add(intended);
                    return;
                }
                inFlight++;
            }
            send(intended);
        }

        private void send(long intended) {
            CompletableFuture<Boolean> result;
            try {
                result = operation.start();
            } catch (RuntimeException e) {
                result = CompletableFuture.completedFuture(false);
            }
            result.whenComplete((ok, failure) -> finished(intended, failure == null && Boolean.TRUE.equals(ok)));
        }

        private void finished(long intended, boolean ok) {
            long now = System.nanoTime();
            if (ok) {
                succeeded.incrementAndGet();
            }
            if (intended >= measureFrom) {
                recorder.recordValue(Math.max(1, (now - intended) / 1000));
                if (!ok) {
                    errors.incrementAndGet();
                }
            }
            if (ok && now >= measureFrom && now < end) {
                completedInWindow.incrementAndGet();
            }
            Long next;
            synchronized (this) {
                next = backlog.poll();
                if (next == null) {
                    inFlight--;
                    notifyAll();
                }
            }
            if (next != null) {
                send(next);
            }
        }

        /** Waits until nothing is outstanding; returns how many measured requests never finished. */
        long drain(long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            synchronized (this) {
                while (inFlight > 0 && System.nanoTime() < deadline) {
                    try {
                        wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                long now = System.nanoTime();
                for (long intended : backlog) {
                    if (intended >= measureFrom) {
                        recorder.recordValue((now - intended) / 1000);
                    }
                }
                for (int i = 0; i < inFlight; i++) {
                    recorder.recordValue((now - end) / 1000);
                }
                long lost = inFlight + backlog.size();
                backlog.clear();
                inFlight = 0;
                return lost;
            }
        }
    }
}
