package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.dqms.queue.TokenActionService.Transfer;
import org.dqms.queue.TokenActionService.TransferTarget;
import org.dqms.queue.TokenEvents.TokenCalled;
import org.dqms.queue.TokenEvents.TokenJoined;
import org.dqms.queue.TokenEvents.TokenMarkedNoShow;
import org.dqms.queue.TokenEvents.TokenTransferred;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Call-next and the actions after it, on the real database. */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
@RecordApplicationEvents
class CallNextTest {

    private static final Actor RECEPTION = Actor.staff("reception-1");

    @Autowired
    QueueTestData data;

    @Autowired
    CallService calls;

    @Autowired
    TokenActionService actions;

    @Autowired
    NoShowSweep noShows;

    @Autowired
    TokenRepository tokens;

    @Autowired
    DoctorService doctors;

    @Autowired
    QueueSettings settings;

    @Autowired
    QueueRepository queueRepository;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    CallTestData queue;
    Department department;
    Doctor doctor;

    @BeforeEach
    void createQueue() {
        queue = new CallTestData(calls, actions, jdbc);
        department = data.department().create();
        doctor = data.doctor(department);
    }

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    @Test
    void callNextCallsTheFirstWaitingTokenAndPublishesTheCall() {
        Token first = join();
        join();

        Token called = queue.callNext(doctor).orElseThrow();

        assertThat(called.id()).isEqualTo(first.id());
        Token stored = tokens.find(first.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(TokenStatus.CALLED);
        assertThat(stored.doctorId()).isEqualTo(doctor.id());
        assertThat(stored.calledAt()).isEqualTo(data.clock().instant());
        assertThat(events.stream(TokenCalled.class))
                .containsExactly(new TokenCalled(
                        first.id(),
                        department.id(),
                        doctor.id(),
                        CallReason.ARRIVAL_ORDER,
                        data.clock().instant(),
                        CallTestData.actor(doctor).label()));
    }

    @Test
    void anEmptyQueueCallsNobody() {
        assertThat(queue.callNext(doctor)).isEmpty();
    }

    @Test
    void aDoctorHoldsOnePatientAtATime() {
        join();
        join();
        Token called = queue.callNext(doctor).orElseThrow();

        assertThatThrownBy(() -> queue.callNext(doctor))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.properties()).containsEntry("activeTokenId", called.id()))
                .hasMessageContaining("already has a patient");
        actions.start(CallTestData.actor(doctor), called.id(), TokenActionService.ANYONE);
        assertThatThrownBy(() -> queue.callNext(doctor)).isInstanceOf(ConflictException.class);

        actions.complete(CallTestData.actor(doctor), called.id(), "fine", TokenActionService.ANYONE);
        assertThat(queue.callNext(doctor)).isPresent();
    }

    @Test
    void onlyADoctorOnDutyCalls() {
        join();
        doctors.setDutyStatus(QueueTestData.ADMIN, doctor.id(), DutyStatus.ON_BREAK);

        assertThatThrownBy(() -> queue.callNext(doctor))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.properties()).containsEntry("dutyStatus", "ON_BREAK"));
    }

    @Test
    void anUnknownDoctorIsNotFound() {
        assertThatThrownBy(() -> calls.callNext(RECEPTION, Long.MAX_VALUE)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTokenThatPrefersADoctorWaitsForThatDoctor() {
        Doctor other = data.doctor(department);
        Token forOther = data.join(department, preferring(other));
        data.clock().advance(Duration.ofMinutes(1));
        Token anyone = join();

        assertThat(queue.serveNext(doctor).orElseThrow().id()).isEqualTo(anyone.id());
        assertThat(queue.serveNext(doctor)).isEmpty();
        assertThat(queue.serveNext(other).orElseThrow().id()).isEqualTo(forOther.id());
    }

    @Test
    void aDoctorOfTwoDepartmentsCallsFromBothByRankThenArrival() {
        Department second = data.department().create();
        Doctor shared = data.doctor(department, second);
        Token normalHere = join();
        Token normalThere = data.join(second, data.patient());
        data.clock().advance(Duration.ofMinutes(1));
        Token priorityThere = data.join(second, data.patient(Priority.PRIORITY));
        data.clock().advance(Duration.ofMinutes(1));
        Token emergencyHere = data.join(department, data.patient(Priority.EMERGENCY));

        assertThat(queue.serveAll(shared).stream().map(Token::id))
                .containsExactly(emergencyHere.id(), priorityThere.id(), normalHere.id(), normalThere.id());
    }

    @Test
    void doctorsOfOtherDepartmentsNeverCallThisQueue() {
        Department elsewhere = data.department().create();
        Doctor stranger = data.doctor(elsewhere);
        join();

        assertThat(queue.callNext(stranger)).isEmpty();
    }

    @Test
    void staffCanCallAGivenTokenOutOfOrderWithAReason() {
        join();
        Token later = join();

        Token called = calls.callOutOfOrder(RECEPTION, later.id(), doctor.id(), "wheelchair");

        assertThat(called.callReason()).isEqualTo(CallReason.OUT_OF_ORDER);
        assertThat(tokens.history(later.id()))
                .last()
                .extracting(TokenTransition::actor, TokenTransition::reason)
                .containsExactly("staff:reception-1", "OUT_OF_ORDER: wheelchair");
    }

    @Test
    void aDoctorOnlyCallsOutOfOrderInTheirOwnDepartments() {
        Doctor stranger = data.doctor(data.department().create());
        Token token = join();

        assertThatThrownBy(() -> calls.callOutOfOrder(RECEPTION, token.id(), stranger.id(), "x"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("does not see patients");
    }

    @Test
    void aRecalledTokenKeepsItsPlace() {
        Token first = join();
        join();
        queue.callNext(doctor).orElseThrow();

        Token recalled =
                actions.recall(CallTestData.actor(doctor), first.id(), "not here yet", TokenActionService.ANYONE);

        assertThat(recalled.status()).isEqualTo(TokenStatus.WAITING);
        assertThat(recalled.recallCount()).isEqualTo(1);
        assertThat(queue.callNext(doctor).orElseThrow().id()).isEqualTo(first.id());
    }

    @Test
    void aRecallAfterTheAllowedRecallsMarksNoShow() {
        assertThat(settings.noShowAfterRecalls()).isEqualTo(2);
        Token token = join();
        for (int i = 0; i < 2; i++) {
            queue.callNext(doctor).orElseThrow();
            assertThat(actions.recall(CallTestData.actor(doctor), token.id(), null, TokenActionService.ANYONE)
                            .status())
                    .isEqualTo(TokenStatus.WAITING);
        }
        queue.callNext(doctor).orElseThrow();

        Token third = actions.recall(CallTestData.actor(doctor), token.id(), null, TokenActionService.ANYONE);

        assertThat(third.status()).isEqualTo(TokenStatus.NO_SHOW);
        assertThat(tokens.history(token.id()))
                .last()
                .extracting(TokenTransition::reason)
                .isEqualTo("not present after 2 recalls");
        assertThat(events.stream(TokenMarkedNoShow.class)).hasSize(1);
        assertThat(queue.callNext(doctor)).isEmpty();
    }

    @Test
    void aCalledPatientWhoDoesNotComeWithinTheTimeoutIsNoShow() {
        Token token = join();
        Token other = join();
        queue.callNext(doctor).orElseThrow();
        Instant called = data.clock().instant();

        // Other tests' tokens may be due as well; the sweep is for every department.
        noShows.sweep(called.plus(Duration.ofMinutes(10)).minusSeconds(1));
        assertThat(tokens.find(token.id()).orElseThrow().status()).isEqualTo(TokenStatus.CALLED);
        assertThat(noShows.sweep(called.plus(Duration.ofMinutes(10)))).isPositive();

        Token marked = tokens.find(token.id()).orElseThrow();
        assertThat(marked.status()).isEqualTo(TokenStatus.NO_SHOW);
        assertThat(tokens.history(token.id()))
                .last()
                .extracting(TokenTransition::actor, TokenTransition::reason)
                .containsExactly("system:dqms", "not present within 10 min of the call");
        assertThat(queue.callNext(doctor).orElseThrow().id()).isEqualTo(other.id());
    }

    @Test
    void aTransferKeepsThePriorityLinksBackAndTakesTheNextNumberThere() {
        Department cardiology = data.department().create();
        data.join(cardiology, data.patient());
        Token token = data.join(department, data.patient(Priority.PRIORITY));
        queue.serveNext(doctor).orElseThrow();

        Transfer transfer = actions.transfer(
                RECEPTION,
                token.id(),
                new TransferTarget(cardiology.id(), null),
                "needs an ECG",
                TokenActionService.ANYONE);

        assertThat(transfer.previous().status()).isEqualTo(TokenStatus.TRANSFERRED);
        Token next = transfer.next();
        assertThat(next.status()).isEqualTo(TokenStatus.WAITING);
        assertThat(next.departmentId()).isEqualTo(cardiology.id());
        assertThat(next.number().display()).isEqualTo(cardiology.prefix().value() + "-002");
        assertThat(next.priority()).isEqualTo(Priority.PRIORITY);
        assertThat(next.previousTokenId()).isEqualTo(token.id());
        assertThat(next.patient()).isEqualTo(token.patient());
        assertThat(tokens.history(next.id()))
                .singleElement()
                .extracting(TokenTransition::reason)
                .isEqualTo("transferred from " + token.number());
        assertThat(events.stream(TokenTransferred.class))
                .containsExactly(new TokenTransferred(
                        token.id(), department.id(), next.id(), data.clock().instant(), RECEPTION.label()));
        assertThat(events.stream(TokenJoined.class))
                .extracting(TokenJoined::tokenId)
                .contains(next.id());
    }

    @Test
    void aWaitingTokenCanBeTransferredToAnotherDoctorOfTheSameDepartment() {
        Doctor specialist = data.doctor(department);
        Token token = join();

        Transfer transfer = actions.transfer(
                RECEPTION,
                token.id(),
                new TransferTarget(null, specialist.id()),
                "specialist",
                TokenActionService.ANYONE);

        assertThat(transfer.next().departmentId()).isEqualTo(department.id());
        assertThat(transfer.next().preferredDoctorId()).isEqualTo(specialist.id());
        assertThat(queue.callNext(doctor)).isEmpty();
        assertThat(queue.callNext(specialist).orElseThrow().id())
                .isEqualTo(transfer.next().id());
    }

    @Test
    void aTransferNeedsSomewhereElseToGo() {
        Token token = join();

        assertThatThrownBy(() -> actions.transfer(
                        RECEPTION,
                        token.id(),
                        new TransferTarget(department.id(), null),
                        "",
                        TokenActionService.ANYONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> actions.transfer(
                        RECEPTION, token.id(), new TransferTarget(null, null), "", TokenActionService.ANYONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens.find(token.id()).orElseThrow().status()).isEqualTo(TokenStatus.WAITING);
    }

    @Test
    void aCalledTokenCannotBeTransferred() {
        Token token = join();
        queue.callNext(doctor).orElseThrow();
        Department other = data.department().create();

        assertThatThrownBy(() -> actions.transfer(
                        RECEPTION, token.id(), new TransferTarget(other.id(), null), "", TokenActionService.ANYONE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("is CALLED");
    }

    @Test
    void wrongTransitionsNameTheCurrentStatus() {
        Token token = join();

        assertThatThrownBy(() -> actions.start(RECEPTION, token.id(), TokenActionService.ANYONE))
                .isInstanceOfSatisfying(
                        IllegalTransitionException.class,
                        e -> assertThat(e.properties()).containsEntry("currentStatus", "WAITING"));
        assertThatThrownBy(() -> actions.recall(RECEPTION, token.id(), null, TokenActionService.ANYONE))
                .isInstanceOf(IllegalTransitionException.class);
        actions.cancel(RECEPTION, token.id(), "left", TokenActionService.ANYONE);
        assertThatThrownBy(() -> calls.callOutOfOrder(RECEPTION, token.id(), doctor.id(), "x"))
                .isInstanceOfSatisfying(
                        IllegalTransitionException.class,
                        e -> assertThat(e.properties()).containsEntry("currentStatus", "CANCELLED"));
    }

    @Test
    void theStreakCountsPriorityCallsSinceTheLastNormalOneAndSkipsEmergencies() {
        join(Priority.NORMAL);
        join(Priority.PRIORITY);
        join(Priority.PRIORITY);

        queue.serveNext(doctor);
        assertThat(streak()).isEqualTo(1);
        queue.serveNext(doctor);
        assertThat(streak()).isEqualTo(2);
        join(Priority.EMERGENCY);
        queue.serveNext(doctor);
        assertThat(streak()).isEqualTo(2);
        queue.serveNext(doctor);
        assertThat(streak()).isZero();
    }

    private int streak() {
        return queueRepository.streak(department.id(), settings.priorityStreakLimit());
    }

    private Token join() {
        return join(Priority.NORMAL);
    }

    private Token join(Priority priority) {
        Token token = data.join(department, data.patient(priority));
        data.clock().advance(Duration.ofMinutes(1));
        return token;
    }

    private JoinCommand preferring(Doctor preferred) {
        JoinCommand p = data.patient();
        return new JoinCommand(p.patientName(), p.phone(), null, preferred.id(), null, null);
    }
}
