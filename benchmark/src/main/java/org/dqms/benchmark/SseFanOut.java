package org.dqms.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Live updates fanned out to many subscribers on one instance: N event streams, most of them
 * patients' phones following their own token ({@code /api/v1/live/tokens/{link}}), the rest display
 * boards ({@code /api/v1/live/departments/{id}}). In each round a doctor in every department calls
 * the next patient, the calls spread over the round; for every subscriber of that department the
 * benchmark measures commit-to-client: from the moment just before the call-next request is sent
 * (so the commit lies inside the interval, never before it) to the arrival at that client of the
 * first event that shows the call: the board listing the called token, the called patient's own
 * token as CALLED, or another waiting patient's token with one fewer ahead.
 */
final class SseFanOut {

    /** What the fan-out gave; latencies in microseconds. */
    record Result(
            int subscribers,
            int connected,
            int droppedDuringRounds,
            long missed,
            Histogram latency,
            int rounds,
            long heapUsedMaxMib,
            long appRssMib,
            String note) {}

    private final DqmsClient client;
    private final AppMetrics metrics;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "sse-client");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private final Histogram latency = new Histogram(60_000_000L, 3);
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    SseFanOut(DqmsClient client) {
        this.client = client;
        this.metrics = new AppMetrics(client);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(20))
                .executor(executor)
                .build();
    }

    /**
     * @param links the links of waiting tokens per department, for the token streams
     * @param doctors one doctor per department, who calls in each round
     * @param appRssMib the app's resident set, read after the rounds
     * @param called told of every token a round's calls called, for the correctness checks
     * @param histogram run once all streams are open
     */
    Result run(
            int count,
            double boardShare,
            int rounds,
            Map<Long, List<String>> links,
            Map<Long, Seeder.Doctor> doctors,
            LongSupplier appRssMib,
            LongConsumer called,
            Runnable histogram)
            throws Exception {
        List<Long> departments = new ArrayList<>(links.keySet());
        int boards = (int) Math.round(count * boardShare);
        Map<Long, Integer> used = new HashMap<>();
        for (int i = 0; i < count; i++) {
            long department = departments.get(i % departments.size());
            if (i < boards) {
                subscribers.add(new Subscriber(department, null));
            } else {
                int next = used.merge(department, 1, Integer::sum) - 1;
                List<String> available = links.get(department);
                // Subscribe to the tail of the queue: those stay waiting through the rounds.
                subscribers.add(new Subscriber(department, available.get(available.size() - 1 - next)));
            }
        }
        connectAll();
        long heapMax = metrics.heapUsedMib();
        histogram.run();
        int connectedBeforeRounds = connected.get();
        int closedBeforeRounds = closed.get();
        long missed = 0;
        int failedCalls = 0;
        Map<Long, Long> current = new HashMap<>();
        long gapNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(50, 3000 / departments.size()));
        for (int round = 0; round < rounds; round++) {
            finishConsultations(current, doctors);
            Thread.sleep(700);
            for (Subscriber s : subscribers) {
                s.beginRound();
            }
            Map<Long, Long> started = new HashMap<>();
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (long department : departments) {
                Seeder.Doctor doctor = doctors.get(department);
                long t0 = System.nanoTime();
                started.put(department, t0);
                // Completes what a call-next step left with the doctor; the rounds finish their own.
                calls.add(client.send(
                                "POST",
                                "/api/v1/doctors/" + doctor.id() + "/call-next",
                                Operations.COMPLETE_CURRENT,
                                doctor.bearer(),
                                null)
                        .thenAccept(reply -> {
                            if (reply.status() == 200) {
                                long token = DqmsClient.longField(reply.body(), "id");
                                called.accept(token);
                                synchronized (current) {
                                    current.put(department, token);
                                }
                            }
                        }));
                Thread.sleep(gapNanos / 1_000_000);
            }
            try {
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                failedCalls++;
            }
            Thread.sleep(2000);
            for (Subscriber s : subscribers) {
                Long token;
                synchronized (current) {
                    token = current.get(s.department);
                }
                long t0 = started.get(s.department);
                // A call that failed shows nowhere: every subscriber that expected it misses it.
                long arrived = s.endRound(token == null ? -1 : token, t0);
                if (arrived > 0) {
                    latency.recordValue(Math.max(1, (arrived - t0) / 1000));
                } else if (arrived == 0) {
                    missed++;
                }
            }
            heapMax = Math.max(heapMax, metrics.heapUsedMib());
        }
        finishConsultations(current, doctors);
        long rss = appRssMib.getAsLong();
        int dropped = closed.get() - closedBeforeRounds;
        for (Subscriber s : subscribers) {
            s.cancel();
        }
        executor.shutdownNow();
        return new Result(
                count,
                connectedBeforeRounds,
                dropped,
                missed,
                latency,
                rounds,
                heapMax,
                rss,
                "a round: one call in each of " + departments.size() + " departments, "
                        + (gapNanos / 1_000_000) + " ms apart"
                        + (failedCalls > 0 ? "; " + failedCalls + " rounds had calls that failed or timed out" : ""));
    }

    /** Opens the streams 200 at a time, each batch once the previous one has its first event. */
    private void connectAll() throws InterruptedException {
        int batch = 200;
        for (int from = 0; from < subscribers.size(); from += batch) {
            List<Subscriber> part = subscribers.subList(from, Math.min(subscribers.size(), from + batch));
            for (Subscriber s : part) {
                s.open();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (part.stream().anyMatch(s -> !s.snapshotSeen && !s.failed) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    /** The doctors' patients of the last round: start and complete, so each doctor can call again. */
    private void finishConsultations(Map<Long, Long> current, Map<Long, Seeder.Doctor> doctors) {
        try {
            finish(current, doctors);
        } catch (Exception e) {
            // dqms did not answer (it may be out of memory): the round's calls will show it.
        }
    }

    private void finish(Map<Long, Long> current, Map<Long, Seeder.Doctor> doctors) throws Exception {
        List<CompletableFuture<?>> done = new ArrayList<>();
        synchronized (current) {
            current.forEach((department, token) -> {
                Seeder.Doctor doctor = doctors.get(department);
                done.add(client.send("POST", "/api/v1/tokens/" + token + "/start", null, doctor.bearer(), null)
                        .thenCompose(r -> client.send(
                                "POST", "/api/v1/tokens/" + token + "/complete", null, doctor.bearer(), null)));
            });
            current.clear();
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    /** One event stream and what arrived on it in the current round. */
    private final class Subscriber implements Flow.Subscriber<String> {
        final long department;
        final String link;
        volatile boolean snapshotSeen;
        volatile boolean failed;
        private Flow.Subscription subscription;
        private boolean connectedCounted;
        // Guarded by this.
        private int ahead = -1;
        private String status = "WAITING";
        private int aheadAtStart;
        private boolean expecting;
        private final List<long[]> aheadEvents = new ArrayList<>();
        private final List<Long> calledEvents = new ArrayList<>();
        private final List<Object[]> boardEvents = new ArrayList<>();

        Subscriber(long department, String link) {
            this.department = department;
            this.link = link;
        }

        void open() {
            String path = link == null ? "/api/v1/live/departments/" + department : "/api/v1/live/tokens/" + link;
            HttpRequest request = HttpRequest.newBuilder(client.base().resolve(path))
                    .header("Accept", "text/event-stream")
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(this))
                    .whenComplete((response, failure) -> {
                        if (failure != null || response.statusCode() != 200) {
                            failed = true;
                        }
                    });
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = System.nanoTime();
            if (!connectedCounted) {
                connectedCounted = true;
                connected.incrementAndGet();
            }
            if (!line.startsWith("data:")) {
                return;
            }
            snapshotSeen = true;
            synchronized (this) {
                if (link == null) {
                    boardEvents.add(new Object[] {now, line});
                    if (boardEvents.size() > 50) {
                        boardEvents.remove(0);
                    }
                    return;
                }
                int value = (int) DqmsClient.longField(line, "ahead");
                String newStatus = line.contains("\"status\":\"WAITING\"") ? "WAITING" : "OTHER";
                if (expecting) {
                    if (!newStatus.equals("WAITING")) {
                        calledEvents.add(now);
                    } else if (value >= 0 && value < aheadAtStart) {
                        aheadEvents.add(new long[] {now, value});
                    }
                }
                ahead = value;
                status = newStatus;
            }
        }

        synchronized void beginRound() {
            boardEvents.clear();
            aheadEvents.clear();
            calledEvents.clear();
            aheadAtStart = ahead;
            expecting = link == null || (status.equals("WAITING") && ahead >= 0);
        }

        /**
         * The arrival time of the first event in the round that shows the call of {@code token}, made
         * at {@code t0}; 0 if none arrived, -1 if this subscriber expected none.
         */
        synchronized long endRound(long token, long t0) {
            if (!expecting || failed) {
                return -1;
            }
            expecting = false;
            if (link == null) {
                String needle = "\"tokenId\":" + token + ",";
                for (Object[] event : boardEvents) {
                    if ((long) event[0] >= t0 && ((String) event[1]).contains(needle)) {
                        return (long) event[0];
                    }
                }
                return 0;
            }
            long first = Long.MAX_VALUE;
            for (long at : calledEvents) {
                if (at >= t0) {
                    first = Math.min(first, at);
                }
            }
            for (long[] event : aheadEvents) {
                if (event[0] >= t0) {
                    first = Math.min(first, event[0]);
                }
            }
            return first == Long.MAX_VALUE ? 0 : first;
        }

        @Override
        public void onError(Throwable throwable) {
            failed = true;
            closed.incrementAndGet();
        }

        @Override
        public void onComplete() {
            closed.incrementAndGet();
        }
    }
}
