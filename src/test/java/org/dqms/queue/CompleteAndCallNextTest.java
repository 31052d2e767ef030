package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.platform.ConflictException;
import org.dqms.queue.TokenEvents.TokenCalled;
import org.dqms.queue.TokenEvents.TokenCompleted;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** The console's one click: the consultation completed and the next patient called, together. */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
@RecordApplicationEvents
class CompleteAndCallNextTest {

    @Autowired
    QueueTestData data;

    @Autowired
    CallService calls;

    @Autowired
    TokenActionService actions;

    @Autowired
    TokenRepository tokens;

    @Autowired
    DoctorService doctors;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    Department department;
    Doctor doctor;

    @BeforeEach
    void createQueue() {
        department = data.department().create();
        doctor = data.doctor(department);
    }

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    @Test
    void completesTheConsultationAndCallsTheNextPatient() {
        Token seen = inConsultation();
        Token next = data.join(department);

        Token called = completeAndCallNext("all well").orElseThrow();

        assertThat(called.id()).isEqualTo(next.id());
        Token completed = tokens.find(seen.id()).orElseThrow();
        assertThat(completed.status()).isEqualTo(TokenStatus.COMPLETED);
        assertThat(completed.completedAt()).isEqualTo(data.clock().instant());
        assertThat(completed.consultationNotes()).isEqualTo("all well");
        assertThat(tokens.find(next.id()).orElseThrow().status()).isEqualTo(TokenStatus.CALLED);
        assertThat(tokens.history(seen.id()))
                .extracting(TokenTransition::to)
                .endsWith(TokenStatus.IN_CONSULTATION, TokenStatus.COMPLETED);
        assertThat(events.stream(TokenCompleted.class))
                .extracting(TokenCompleted::tokenId)
                .containsExactly(seen.id());
        assertThat(events.stream(TokenCalled.class))
                .extracting(TokenCalled::tokenId)
                .containsExactly(seen.id(), next.id());
    }

    @Test
    void withNobodyWaitingTheConsultationIsStillCompleted() {
        Token seen = inConsultation();

        assertThat(completeAndCallNext(null)).isEmpty();

        assertThat(tokens.find(seen.id()).orElseThrow().status()).isEqualTo(TokenStatus.COMPLETED);
    }

    @Test
    void withNobodyWithTheDoctorItIsACall() {
        Token first = data.join(department);

        assertThat(completeAndCallNext(null)).map(Token::id).contains(first.id());
    }

    @Test
    void aPatientCalledButNotYetInIsNeitherCompletedNorPassedOver() {
        Token called = data.join(department);
        Token waiting = data.join(department);
        assertThat(calls.callNext(CallTestData.actor(doctor), doctor.id()))
                .map(Token::id)
                .contains(called.id());

        assertThatThrownBy(() -> completeAndCallNext(null))
                .isInstanceOfSatisfying(
                        IllegalTransitionException.class,
                        e -> assertThat(e.properties()).containsEntry("currentStatus", "CALLED"));

        assertThat(tokens.find(called.id()).orElseThrow().status()).isEqualTo(TokenStatus.CALLED);
        assertThat(tokens.find(waiting.id()).orElseThrow().status()).isEqualTo(TokenStatus.WAITING);
    }

    @Test
    void aDoctorOnABreakCompletesNothing() {
        Token seen = inConsultation();
        data.join(department);
        doctors.setDutyStatus(QueueTestData.ADMIN, doctor.id(), DutyStatus.ON_BREAK);

        assertThatThrownBy(() -> completeAndCallNext(null))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.properties()).containsEntry("dutyStatus", "ON_BREAK"));

        assertThat(tokens.find(seen.id()).orElseThrow().status()).isEqualTo(TokenStatus.IN_CONSULTATION);
    }

    /** Six clicks at once, as a doctor's double clicks and a second tab would send: one goes through. */
    @Test
    void clicksAtOnceCompleteOnceAndCallOnce() throws Exception {
        int clicks = 6;
        Token seen = inConsultation();
        List<Token> waiting = new ArrayList<>();
        for (int i = 0; i < clicks; i++) {
            waiting.add(data.join(department));
        }
        CyclicBarrier together = new CyclicBarrier(clicks);
        ExecutorService pool = Executors.newFixedThreadPool(clicks);
        List<Future<Object>> results = new ArrayList<>();
        for (int i = 0; i < clicks; i++) {
            results.add(pool.submit(() -> {
                together.await();
                try {
                    return completeAndCallNext(null).orElseThrow();
                } catch (ConflictException e) {
                    return e;
                }
            }));
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> result : results) {
            outcomes.add(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(outcomes).filteredOn(Token.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ConflictException.class::isInstance).hasSize(clicks - 1);
        assertThat(tokens.find(seen.id()).orElseThrow().status()).isEqualTo(TokenStatus.COMPLETED);
        assertThat(tokens.history(seen.id()))
                .filteredOn(t -> t.to() == TokenStatus.COMPLETED)
                .hasSize(1);
        assertThat(waiting.stream().map(t -> tokens.find(t.id()).orElseThrow().status()))
                .containsExactly(
                        TokenStatus.CALLED,
                        TokenStatus.WAITING,
                        TokenStatus.WAITING,
                        TokenStatus.WAITING,
                        TokenStatus.WAITING,
                        TokenStatus.WAITING);
    }

    private Optional<Token> completeAndCallNext(String notes) {
        return calls.completeAndCallNext(CallTestData.actor(doctor), doctor.id(), notes);
    }

    /** A patient called to the doctor and now with them. */
    private Token inConsultation() {
        Token token = data.join(department);
        Token called = calls.callNext(CallTestData.actor(doctor), doctor.id()).orElseThrow();
        assertThat(called.id()).isEqualTo(token.id());
        actions.start(CallTestData.actor(doctor), token.id(), TokenActionService.ANYONE);
        return token;
    }
}
