package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.queue.PositionService.DepartmentQueue;
import org.dqms.queue.PositionService.Entry;
import org.dqms.queue.QueueOrder.Placed;
import org.dqms.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Over random mixes of priorities, arrivals and earlier calls, on the real database: the position
 * reported for each waiting token is the order in which one doctor then actually calls them (with
 * the clock standing still and nobody joining), and the SQL, the pure {@link QueueOrder} and the
 * calls agree on order and reasons.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class PositionPropertyTest {

    /** When the waiting tokens have joined and are called: 55 minutes or more of waiting is overdue. */
    private static final Instant NOW = QueueTestData.START.plus(Duration.ofMinutes(125));

    @Autowired
    QueueTestData data;

    @Autowired
    CallService calls;

    @Autowired
    TokenActionService actions;

    @Autowired
    PositionService positions;

    @Autowired
    QueueSettings settings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    /** A patient joining {@code minutesAfterOpening} after START + 10 minutes. */
    record Arrival(Priority priority, int minutesAfterOpening) {}

    /**
     * @param calledBefore priorities of the tokens called before, which make the streak
     * @param arrivals the waiting tokens, in the order they join (not the order of their times)
     */
    record Scenario(List<Priority> calledBefore, List<Arrival> arrivals) {}

    // jqwik runs the properties, so the Spring test context (the one every queue test shares) is
    // attached by hand.
    @BeforeProperty
    void injectBeans() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
    }

    @AfterProperty
    void resetClock() {
        data.clock().reset();
    }

    @Property(tries = 30)
    void positionsAreTheOrderInWhichTokensAreCalled(@ForAll("scenarios") Scenario scenario) {
        CallTestData queue = new CallTestData(calls, actions, jdbc);
        data.clock().reset();
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        for (Priority priority : scenario.calledBefore()) {
            data.join(department, data.patient(priority));
            queue.serveNext(doctor).orElseThrow();
        }
        List<Token> waiting = new ArrayList<>();
        for (Arrival arrival : scenario.arrivals()) {
            data.clock().set(QueueTestData.START.plus(Duration.ofMinutes(10L + arrival.minutesAfterOpening())));
            waiting.add(data.join(department, data.patient(arrival.priority())));
        }
        data.clock().set(NOW);

        Map<Long, Integer> reported = waiting.stream()
                .collect(Collectors.toMap(
                        Token::id, t -> positions.position(t.id()).position()));
        // Inside a read-write transaction a position is counted for the token alone (no view).
        Map<Long, Integer> countedAlone = new TransactionTemplate(transactions)
                .execute(status -> waiting.stream()
                        .collect(Collectors.toMap(
                                Token::id, t -> positions.position(t.id()).position())));
        DepartmentQueue shown = positions.queue(department.id());
        List<Placed> predicted = QueueOrder.of(settings)
                .order(
                        waiting.stream()
                                .map(t -> new QueueOrder.Waiting(t.id(), t.priority(), t.joinedAt()))
                                .toList(),
                        NOW,
                        shown.priorityStreak());
        List<Token> called = queue.serveAll(doctor);

        List<Long> calledIds = called.stream().map(Token::id).toList();
        assertThat(countedAlone).isEqualTo(reported);
        assertThat(calledIds).hasSameElementsAs(reported.keySet());
        for (int i = 0; i < calledIds.size(); i++) {
            assertThat(reported.get(calledIds.get(i)))
                    .as("position of the token called %d.", i + 1)
                    .isEqualTo(i + 1);
        }
        assertThat(shown.waiting()).extracting(Entry::tokenId).containsExactlyElementsOf(calledIds);
        assertThat(shown.waiting())
                .extracting(Entry::position)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, called.size()).boxed().toList());
        assertThat(predicted).extracting(p -> p.token().id()).containsExactlyElementsOf(calledIds);
        assertThat(predicted)
                .extracting(Placed::reason)
                .containsExactlyElementsOf(
                        called.stream().map(Token::callReason).toList());
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Priority> priority = Arbitraries.frequency(
                Tuple.of(1, Priority.EMERGENCY), Tuple.of(4, Priority.PRIORITY), Tuple.of(5, Priority.NORMAL));
        Arbitrary<Arrival> arrival = Combinators.combine(
                        priority, Arbitraries.integers().between(0, 100))
                .as(Arrival::new);
        return Combinators.combine(
                        priority.list().ofMaxSize(4),
                        arrival.list().ofMinSize(1).ofMaxSize(12))
                .as(Scenario::new);
    }
}
