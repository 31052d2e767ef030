package org.dqms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Call-next arrivals share the benchmark's doctors as a hospital's do: one patient per doctor at a
 * time, the doctor free longest goes first, and arrivals that find every doctor busy wait in turn.
 */
class DoctorPoolTest {

    private static List<Seeder.Doctor> doctors(int count) {
        return LongStream.rangeClosed(1, count)
                .mapToObj(id -> new Seeder.Doctor(id, 100, "bearer-" + id))
                .toList();
    }

    @Test
    void theDoctorFreeLongestGoesFirstAndWaitingArrivalsAreServedInTurn() throws Exception {
        List<Seeder.Doctor> three = doctors(3);
        Operations.DoctorPool pool = new Operations.DoctorPool(three);
        List<Seeder.Doctor> busy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            busy.add(pool.acquire().getNow(null));
        }
        CompletableFuture<Seeder.Doctor> first = pool.acquire();
        CompletableFuture<Seeder.Doctor> second = pool.acquire();
        assertThat(busy).containsExactlyElementsOf(three);
        assertThat(first).isNotDone();

        pool.release(three.get(2));
        pool.release(three.get(0));
        pool.release(three.get(1));

        assertThat(first.getNow(null)).isEqualTo(three.get(2));
        assertThat(second.getNow(null)).isEqualTo(three.get(0));
        assertThat(pool.acquire().getNow(null)).isEqualTo(three.get(1));
    }

    @Test
    void underConcurrentArrivalsNoDoctorHoldsTwoPatientsAndAllAreFreeAtTheEnd() throws Exception {
        int threads = 8;
        int cycles = 5_000;
        Operations.DoctorPool pool = new Operations.DoctorPool(doctors(5));
        Map<Long, Integer> holders = new ConcurrentHashMap<>();
        AtomicInteger doubleBooked = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int holder = t;
            workers.add(CompletableFuture.runAsync(
                    () -> {
                        await(go);
                        for (int i = 0; i < cycles; i++) {
                            Seeder.Doctor doctor = pool.acquire().join();
                            if (holders.putIfAbsent(doctor.id(), holder) != null) {
                                doubleBooked.incrementAndGet();
                            }
                            served.incrementAndGet();
                            holders.remove(doctor.id());
                            pool.release(doctor);
                        }
                    },
                    executor));
        }
        go.countDown();
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        executor.shutdown();

        assertThat(doubleBooked).hasValue(0);
        assertThat(served).hasValue(threads * cycles);
        assertThat(pool.awaitIdle(5, 1_000)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
