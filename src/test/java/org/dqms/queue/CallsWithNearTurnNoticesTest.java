package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two doctors of one department calling at the same moment, with email notifications on (real SMTP,
 * GreenMail). A call writes, in its own transaction, the notices of the patients now near their
 * turn, rows that refer to those patients' tokens. The other doctor's call must still take the
 * next patient in order, not pass over every patient being told that their turn is near.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class CallsWithNearTurnNoticesTest {

    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.start();
        registry.add("DQMS_SMTP_HOST", () -> "127.0.0.1");
        registry.add("DQMS_SMTP_PORT", () -> SMTP.getSmtp().getPort());
        registry.add("DQMS_MAIL_FROM", () -> "queue@hospital.example");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    QueueTestData data;

    @Autowired
    CallService calls;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Future<?>> held = new ArrayList<>();

    @AfterEach
    void releaseCall() throws Exception {
        release.countDown();
        for (Future<?> call : held) {
            call.get(10, TimeUnit.SECONDS);
        }
        threads.shutdown();
    }

    @Test
    void aCallInFlightWithItsNoticesLeavesTheNextPatientToTheOtherDoctor() throws Exception {
        Department department = data.department().create();
        Doctor first = data.doctor(department);
        Doctor second = data.doctor(department);
        List<Token> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JoinCommand patient = data.patient();
            waiting.add(data.join(
                    department,
                    new JoinCommand(
                                    patient.patientName(),
                                    patient.phone(),
                                    "near" + i + "@patients.example",
                                    null,
                                    null,
                                    Priority.NORMAL)
                            .notifiedOn(Set.of(NotifyChannel.EMAIL))));
        }

        Token calledFirst = holdCall(first);
        Future<Optional<Token>> callingSecond =
                threads.submit(() -> calls.callNext(CallTestData.actor(second), second.id()));
        // The second call has claimed its patient and waits to write the same notices as the first
        // (or, having passed the noticed patients over, is done): only then does the first commit.
        awaitDoneOrWaitingForALock(callingSecond);
        release.countDown();
        Optional<Token> calledSecond = callingSecond.get(10, TimeUnit.SECONDS);

        assertThat(calledFirst.id()).isEqualTo(waiting.get(0).id());
        // Passing over the patients being told their turn is near, the call found nobody waiting.
        assertThat(calledSecond).as("the second doctor's call").isPresent();
        assertThat(calledSecond.get().id()).isEqualTo(waiting.get(1).id());
    }

    private void awaitDoneOrWaitingForALock(Future<?> call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!call.isDone() && System.nanoTime() < deadline) {
            boolean waiting = jdbc.sql("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            + " AND query LIKE '%notification_outbox%')")
                    .query(Boolean.class)
                    .single();
            if (waiting) {
                return;
            }
            Thread.sleep(20);
        }
    }

    /** Calls the doctor's next patient in a transaction that stays open until the test ends. */
    private Token holdCall(Doctor doctor) throws Exception {
        CompletableFuture<Token> called = new CompletableFuture<>();
        held.add(threads.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            try {
                called.complete(
                        calls.callNext(CallTestData.actor(doctor), doctor.id()).orElseThrow());
                release.await();
            } catch (RuntimeException e) {
                called.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status.setRollbackOnly();
        })));
        return called.get(10, TimeUnit.SECONDS);
    }
}
