package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

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
        TestSmtp.start(SMTP, registry);
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

    private HeldTransactions held;

    @BeforeEach
    void transactions() {
        held = new HeldTransactions(transactions);
    }

    @AfterEach
    void releaseCall() throws Exception {
        held.close();
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

        Token calledFirst = held.hold(
                () -> calls.callNext(CallTestData.actor(first), first.id()).orElseThrow());
        Future<Optional<Token>> callingSecond =
                held.submit(() -> calls.callNext(CallTestData.actor(second), second.id()));
        // The second call has claimed its patient and waits to write the same notices as the first
        // (or, having passed the noticed patients over, is done): only then does the first commit.
        awaitDoneOrWaitingForALock(callingSecond);
        held.release();
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
}
