package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.dqms.queue.TokenActionService.TransferTarget;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A department's numbers and its arrival order agree: a token's {@code joined_at} is never earlier
 * than that of the number before it, whatever the clock of the instance that issued it read, so
 * doctors call walk-ins in the order of their numbers.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class ArrivalOrderTest {

    private static final Actor PATIENT = Actor.patient("anonymous");
    private static final Actor RECEPTION = Actor.staff("reception-1");

    @Autowired
    QueueTestData data;

    @Autowired
    JoinService joins;

    @Autowired
    CallService calls;

    @Autowired
    TokenActionService actions;

    @Autowired
    TokenRepository tokens;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    @Test
    void aJoinOnAnInstanceWhoseClockRunsBehindIsCalledAfterTheNumberBeforeIt() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Token first = data.join(department);
        data.clock().advance(Duration.ofSeconds(-5));

        Token second = data.join(department);

        assertThat(second.number().number()).isEqualTo(2);
        assertThat(second.joinedAt()).isEqualTo(first.joinedAt());
        assertThat(tokens.history(second.id()))
                .singleElement()
                .extracting(TokenTransition::at)
                .isEqualTo(first.joinedAt());
        assertThat(calls.callNext(CallTestData.actor(doctor), doctor.id()))
                .map(Token::id)
                .contains(first.id());
    }

    @Test
    void aTransferInAfterTheClockWentBackQueuesBehindTheLastNumber() {
        Department department = data.department().create();
        Department cardiology = data.department().create();
        Token waiting = data.join(cardiology);
        Token moving = data.join(department);
        data.clock().advance(Duration.ofSeconds(-5));

        Token transferred = actions.transfer(
                        RECEPTION,
                        moving.id(),
                        new TransferTarget(cardiology.id(), null),
                        "needs an ECG",
                        TokenActionService.ANYONE)
                .next();

        assertThat(transferred.number().number()).isEqualTo(2);
        assertThat(transferred.joinedAt()).isEqualTo(waiting.joinedAt());
    }

    @Test
    void concurrentJoinsWhileTheClockMovesKeepArrivalsInTheOrderOfTheNumbers() throws Exception {
        Department department = data.department().capacity(1000).create();
        int threads = 8;
        int perThread = 25;
        List<JoinCommand> patients = new ArrayList<>();
        for (int i = 0; i < threads * perThread; i++) {
            patients.add(data.patient());
        }
        AtomicBoolean joining = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            // The clock moves on by a millisecond at a time while the joins run, as a real one does.
            pool.submit(() -> {
                start.await();
                while (joining.get()) {
                    data.clock().advance(Duration.ofMillis(1));
                    Thread.onSpinWait();
                }
                return null;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<JoinCommand> mine = patients.subList(t * perThread, (t + 1) * perThread);
                workers.add(pool.submit(() -> {
                    start.await();
                    for (JoinCommand patient : mine) {
                        joins.join(PATIENT, department.id(), patient, Optional.empty());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
        } finally {
            joining.set(false);
            pool.shutdownNow();
        }

        List<Instant> arrivalsByNumber = jdbc.sql(
                        "SELECT joined_at FROM dqms.token WHERE department_id = :departmentId ORDER BY number")
                .param("departmentId", department.id())
                .query((rows, n) -> rows.getTimestamp("joined_at").toInstant())
                .list();
        assertThat(arrivalsByNumber).hasSize(threads * perThread).isSorted();
        assertThat(arrivalsByNumber.get(0)).isNotEqualTo(arrivalsByNumber.get(arrivalsByNumber.size() - 1));
    }
}
