package org.dqms.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Work for several items at the same moment, each on a thread of its own, for race tests. */
public final class AllAtOnce {

    private AllAtOnce() {}

    /** Runs the work for every item, the threads released together; returns each item's outcome. */
    public static <T, R> Map<T, R> run(List<T> items, Function<T, R> work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(items.size());
        Map<T, R> outcomes = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(items.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (T item : items) {
                done.add(threads.submit(() -> {
                    start.await();
                    outcomes.put(item, work.apply(item));
                    return null;
                }));
            }
            for (Future<?> thread : done) {
                thread.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        return outcomes;
    }
}
