package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fair priority rules through call-next on the real database, with the default settings: a
 * maximum wait of 60 minutes and a streak limit of 3. Each call's reason is in the token's history.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class FairnessTest {

    @Autowired
    QueueTestData data;

    @Autowired
    CallService calls;

    @Autowired
    TokenActionService actions;

    @Autowired
    TokenRepository tokens;

    @Autowired
    JdbcClient jdbc;

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
    void emergencyGoesFirstThenPriorityThenNormal() {
        Token normal = join(Priority.NORMAL);
        Token priority = join(Priority.PRIORITY);
        Token emergency = join(Priority.EMERGENCY);

        List<Token> served = queue.serveAll(doctor);

        assertThat(served)
                .extracting(Token::id, Token::callReason)
                .containsExactly(
                        tuple(emergency.id(), CallReason.EMERGENCY),
                        tuple(priority.id(), CallReason.PRIORITY),
                        tuple(normal.id(), CallReason.ARRIVAL_ORDER));
        assertThat(calledLine(emergency).reason()).isEqualTo("EMERGENCY");
        assertThat(calledLine(normal).reason()).isEqualTo("ARRIVAL_ORDER");
        assertThat(calledLine(normal).actor()).isEqualTo("staff:doctor-" + doctor.id());
    }

    @Test
    void normalsAndPrioritiesEachGoInArrivalOrder() {
        Token n1 = join(Priority.NORMAL);
        Token p1 = join(Priority.PRIORITY);
        Token n2 = join(Priority.NORMAL);
        Token p2 = join(Priority.PRIORITY);

        assertThat(ids(queue.serveAll(doctor))).containsExactly(p1.id(), p2.id(), n1.id(), n2.id());
    }

    @Test
    void afterThreePriorityCallsInARowANormalIsCalled() {
        Token normal = join(Priority.NORMAL);
        Token second = join(Priority.NORMAL);
        List<Token> priorities = List.of(
                join(Priority.PRIORITY),
                join(Priority.PRIORITY),
                join(Priority.PRIORITY),
                join(Priority.PRIORITY),
                join(Priority.PRIORITY));

        List<Token> served = queue.serveAll(doctor);

        assertThat(ids(served))
                .containsExactly(
                        priorities.get(0).id(),
                        priorities.get(1).id(),
                        priorities.get(2).id(),
                        normal.id(),
                        priorities.get(3).id(),
                        priorities.get(4).id(),
                        second.id());
        assertThat(served.get(3).callReason()).isEqualTo(CallReason.PRIORITY_STREAK_LIMIT);
        assertThat(served.get(6).callReason()).isEqualTo(CallReason.ARRIVAL_ORDER);
        assertThat(calledLine(normal).reason()).isEqualTo("PRIORITY_STREAK_LIMIT");
    }

    @Test
    void emergenciesNeitherCountTowardsNorBreakTheStreak() {
        Token normal = join(Priority.NORMAL);
        Token p1 = join(Priority.PRIORITY);
        Token p2 = join(Priority.PRIORITY);
        Token p3 = join(Priority.PRIORITY);
        Token p4 = join(Priority.PRIORITY);
        assertThat(ids(serve(2))).containsExactly(p1.id(), p2.id());
        Token emergency = join(Priority.EMERGENCY);

        assertThat(ids(queue.serveAll(doctor))).containsExactly(emergency.id(), p3.id(), normal.id(), p4.id());
    }

    @Test
    void aNormalCalledOutOfOrderStartsTheStreakAgain() {
        Token n1 = join(Priority.NORMAL);
        Token n2 = join(Priority.NORMAL);
        Token p1 = join(Priority.PRIORITY);
        Token p2 = join(Priority.PRIORITY);
        Token p3 = join(Priority.PRIORITY);
        Token p4 = join(Priority.PRIORITY);
        Token p5 = join(Priority.PRIORITY);
        assertThat(ids(serve(2))).containsExactly(p1.id(), p2.id());
        Token outOfOrder =
                calls.callOutOfOrder(CallTestData.actor(doctor), n2.id(), doctor.id(), "came back from X-ray");
        queue.finish(doctor, outOfOrder);

        assertThat(ids(queue.serveAll(doctor))).containsExactly(p3.id(), p4.id(), p5.id(), n1.id());
        assertThat(calledLine(n2).reason()).isEqualTo("OUT_OF_ORDER: came back from X-ray");
        assertThat(tokens.find(n2.id()).orElseThrow().callReason()).isEqualTo(CallReason.OUT_OF_ORDER);
    }

    @Test
    void aNormalThatHasWaitedTheMaximumGoesBeforePriorities() {
        Token normal = join(Priority.NORMAL);
        Token p1 = join(Priority.PRIORITY);
        Token p2 = join(Priority.PRIORITY);

        // The normal joined at START; a second short of 60 minutes it still waits behind priorities.
        data.clock().set(normal.joinedAt().plus(Duration.ofMinutes(60)).minusSeconds(1));
        assertThat(queue.serveNext(doctor).orElseThrow().id()).isEqualTo(p1.id());
        data.clock().set(normal.joinedAt().plus(Duration.ofMinutes(60)));
        Token called = queue.serveNext(doctor).orElseThrow();

        assertThat(called.id()).isEqualTo(normal.id());
        assertThat(called.callReason()).isEqualTo(CallReason.MAX_WAIT_REACHED);
        assertThat(calledLine(normal).reason()).isEqualTo("MAX_WAIT_REACHED");
        assertThat(queue.serveNext(doctor).orElseThrow().id()).isEqualTo(p2.id());
    }

    @Test
    void anEmergencyStillGoesBeforeANormalThatHasWaitedTheMaximum() {
        Token normal = join(Priority.NORMAL);
        data.clock().advance(Duration.ofMinutes(90));
        Token emergency = join(Priority.EMERGENCY);

        assertThat(ids(queue.serveAll(doctor))).containsExactly(emergency.id(), normal.id());
    }

    /** Joins a patient a minute after the previous one, so that arrival order is clear. */
    private Token join(Priority priority) {
        Token token = data.join(department, data.patient(priority));
        data.clock().advance(Duration.ofMinutes(1));
        return token;
    }

    private List<Token> serve(int count) {
        return java.util.stream.Stream.generate(() -> queue.serveNext(doctor).orElseThrow())
                .limit(count)
                .toList();
    }

    private TokenTransition calledLine(Token token) {
        return tokens.history(token.id()).stream()
                .filter(t -> t.to() == TokenStatus.CALLED)
                .reduce((first, last) -> last)
                .orElseThrow();
    }

    private static List<Long> ids(List<Token> tokens) {
        return tokens.stream().map(Token::id).toList();
    }
}
