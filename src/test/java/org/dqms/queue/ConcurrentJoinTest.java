package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.dqms.department.Department;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Joins racing each other: numbers stay unique and gapless, retries and duplicate phones get one
 * token, and the last place is given only once. Each test starts its threads together and then
 * checks the exact result.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class ConcurrentJoinTest {

    private static final int THREADS = 8;
    private static final Actor PATIENT = Actor.patient("anonymous");
    private static final LocalDate TODAY = LocalDate.of(2030, 1, 15);

    @Autowired
    QueueTestData data;

    @Autowired
    JoinService joins;

    @Autowired
    TokenCounterRepository counters;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eightThreadsJoiningOneDepartmentGetTheNumbersOneToNGaplessAndUnique() throws Exception {
        Department department = data.department().capacity(1000).create();
        int perThread = 25;
        List<JoinCommand> patients = patients(THREADS * perThread);

        List<Integer> numbers = race(thread -> IntStream.range(0, perThread)
                .mapToObj(i -> joins.join(
                                PATIENT, department.id(), patients.get(thread * perThread + i), Optional.empty())
                        .token()
                        .number()
                        .number())
                .toList());

        assertThat(numbers).containsExactlyInAnyOrderElementsOf(oneTo(THREADS * perThread));
        assertThat(storedNumbers(department)).containsExactlyElementsOf(oneTo(THREADS * perThread));
        assertThat(counters.issued(department.id(), TODAY)).isEqualTo(THREADS * perThread);
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyGetOneToken() throws Exception {
        Department department = data.department().create();
        List<JoinCommand> patients = patients(THREADS);
        data.join(department); // number 1, so that a lost number would show as a gap

        List<Long> ids = race(
                thread -> List.of(joins.join(PATIENT, department.id(), patients.get(thread), Optional.of("double-tap"))
                        .token()
                        .id()));

        assertThat(ids).hasSize(THREADS).containsOnly(ids.get(0));
        assertThat(storedNumbers(department)).containsExactly(1, 2);
        assertThat(data.join(department).number().number()).isEqualTo(3);
    }

    @Test
    void concurrentJoinsOfOnePhoneGetOneToken() throws Exception {
        Department department = data.department().create();
        JoinCommand patient = data.patient();

        List<Long> ids = race(thread -> List.of(joins.join(PATIENT, department.id(), patient, Optional.empty())
                .token()
                .id()));

        assertThat(ids).hasSize(THREADS).containsOnly(ids.get(0));
        assertThat(storedNumbers(department)).containsExactly(1);
        assertThat(data.join(department).number().number()).isEqualTo(2);
    }

    @Test
    void theLastPlacesAreGivenOnceAndTheNumbersStayGapless() throws Exception {
        int capacity = 50;
        int perThread = 10;
        Department department = data.department().capacity(capacity).create();
        List<JoinCommand> patients = patients(THREADS * perThread);

        List<String> outcomes = race(thread -> IntStream.range(0, perThread)
                .mapToObj(i -> {
                    try {
                        joins.join(PATIENT, department.id(), patients.get(thread * perThread + i), Optional.empty());
                        return "joined";
                    } catch (ConflictException e) {
                        return String.valueOf(e.properties().get("reason"));
                    }
                })
                .toList());

        assertThat(outcomes.stream().filter("joined"::equals)).hasSize(capacity);
        assertThat(outcomes.stream().filter("full"::equals)).hasSize(THREADS * perThread - capacity);
        assertThat(storedNumbers(department)).containsExactlyElementsOf(oneTo(capacity));
        assertThat(counters.issued(department.id(), TODAY)).isEqualTo(capacity);
    }

    /** Runs the work on eight threads released at the same moment; returns everything they returned. */
    private static <T> List<T> race(ThreadWork<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<List<T>> task = () -> {
                    start.await();
                    return work.run(thread);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<List<T>> future : futures) {
                results.addAll(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThreadWork<T> {
        List<T> run(int thread) throws Exception;
    }

    private List<JoinCommand> patients(int count) {
        return IntStream.range(0, count).mapToObj(i -> data.patient()).toList();
    }

    private List<Integer> storedNumbers(Department department) {
        return jdbc.sql("SELECT number FROM dqms.token WHERE department_id = :departmentId ORDER BY number")
                .param("departmentId", department.id())
                .query(Integer.class)
                .list();
    }

    private static List<Integer> oneTo(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }
}
