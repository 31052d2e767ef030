package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Four doctors calling next on one queue of 1,000 tokens at once: every token is called exactly once,
 * and the ordering rules hold up to the calls the other doctors have in flight.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class ConcurrentCallNextTest {

    private static final int TOKENS = 1000;
    private static final int DOCTORS = 4;

    @Autowired
    QueueTestData data;

    @Autowired
    CallService calls;

    @Autowired
    TokenActionService actions;

    @Autowired
    JdbcClient jdbc;

    /** One call as the history recorded it, in the order the calls were written. */
    record Call(long tokenId, Priority priority, CallReason reason) {}

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    @Test
    void fourDoctorsCallEveryTokenExactlyOnceInFairOrder() throws Exception {
        CallTestData queue = new CallTestData(calls, actions, jdbc);
        Department department = data.department().capacity(TOKENS).create();
        List<Doctor> doctors = new ArrayList<>();
        for (int i = 0; i < DOCTORS; i++) {
            doctors.add(data.doctor(department));
        }
        // 50 emergencies, 250 priorities, 700 normals, one second apart; nobody near the maximum wait.
        queue.insertWaiting(department, TOKENS, QueueTestData.START, n -> {
            if (n % 20 == 0) {
                return Priority.EMERGENCY;
            }
            return n % 4 == 1 ? Priority.PRIORITY : Priority.NORMAL;
        });
        data.clock().set(QueueTestData.START.plus(Duration.ofMinutes(20)));

        ConcurrentLinkedQueue<Long> called = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(DOCTORS);
        ExecutorService pool = Executors.newFixedThreadPool(DOCTORS);
        List<Future<Integer>> results = new ArrayList<>();
        for (Doctor doctor : doctors) {
            results.add(pool.submit(() -> {
                start.await();
                int mine = 0;
                for (Optional<Token> next = queue.serveNext(doctor); next.isPresent(); next = queue.serveNext(doctor)) {
                    called.add(next.get().id());
                    mine++;
                }
                return mine;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        for (Future<Integer> result : results) {
            assertThat(result.get()).as("calls of one doctor").isPositive();
        }

        assertThat(called).hasSize(TOKENS).doesNotHaveDuplicates();
        assertThat(statusCounts(department)).containsExactly("COMPLETED=" + TOKENS);
        List<Call> history = callsInHistoryOrder(department);
        assertThat(history).hasSize(TOKENS);
        assertThat(history).allSatisfy(ConcurrentCallNextTest::reasonFitsPriority);

        // A token other than an emergency is claimed only when every waiting emergency is locked by
        // another doctor's call in flight: at most DOCTORS - 1 emergencies are written after it.
        assertThat(maxCalledAfter(history, c -> c.priority() != Priority.EMERGENCY, Priority.EMERGENCY))
                .isLessThanOrEqualTo(DOCTORS - 1);
        // Likewise a normal called in plain arrival order: no priority was free at that moment.
        assertThat(maxCalledAfter(history, c -> c.reason() == CallReason.ARRIVAL_ORDER, Priority.PRIORITY))
                .isLessThanOrEqualTo(DOCTORS - 1);
        // The streak limit let normals through while priorities were still waiting. One doctor alone
        // lets one through after every three priority calls (83 of 250); doctors calling at the same
        // instant may each call a priority, passing the limit, so fewer.
        long streakCalls = history.stream()
                .filter(c -> c.reason() == CallReason.PRIORITY_STREAK_LIMIT)
                .count();
        assertThat(streakCalls).isBetween(250L / (3 + 2 * (DOCTORS - 1)), 250L);
    }

    private static void reasonFitsPriority(Call call) {
        switch (call.priority()) {
            case EMERGENCY -> assertThat(call.reason()).isEqualTo(CallReason.EMERGENCY);
            case PRIORITY -> assertThat(call.reason()).isEqualTo(CallReason.PRIORITY);
            case NORMAL -> assertThat(call.reason()).isIn(CallReason.PRIORITY_STREAK_LIMIT, CallReason.ARRIVAL_ORDER);
        }
    }

    /** The most calls of {@code later} written after any call matching {@code which}. */
    private static int maxCalledAfter(List<Call> history, java.util.function.Predicate<Call> which, Priority later) {
        int max = 0;
        int remaining =
                (int) history.stream().filter(c -> c.priority() == later).count();
        for (Call call : history) {
            if (call.priority() == later) {
                remaining--;
            }
            if (which.test(call)) {
                max = Math.max(max, remaining);
            }
        }
        return max;
    }

    private List<Call> callsInHistoryOrder(Department department) {
        return jdbc.sql("""
                        SELECT t.id, t.priority, t.call_reason
                          FROM dqms.token_history h JOIN dqms.token t ON t.id = h.token_id
                         WHERE t.department_id = :departmentId AND h.to_status = 'CALLED'
                         ORDER BY h.id
                        """)
                .param("departmentId", department.id())
                .query((rows, n) -> new Call(
                        rows.getLong("id"),
                        Priority.valueOf(rows.getString("priority")),
                        CallReason.valueOf(rows.getString("call_reason"))))
                .list();
    }

    private List<String> statusCounts(Department department) {
        return jdbc.sql("""
                        SELECT status || '=' || count(*) FROM dqms.token
                         WHERE department_id = :departmentId GROUP BY status
                        """)
                .param("departmentId", department.id())
                .query(String.class)
                .list();
    }
}
