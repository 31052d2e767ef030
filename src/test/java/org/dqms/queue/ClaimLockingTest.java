package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The claim of call-next against calls in flight, on the real database: each doctor's call is held
 * open in a transaction of its own while the next doctor calls. A call locks the one token it calls
 * and no other, and a call passes over the tokens that calls in flight hold, to the next in call
 * order, within a class and from one class to the next. Run for a doctor of one department and for
 * doctors of two, whose claims are written differently.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class ClaimLockingTest {

    @Autowired
    QueueTestData data;

    @Autowired
    CallService calls;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    WaitQuoteRepository quotes;

    @Autowired
    TokenActionService actions;

    private HeldTransactions held;

    @BeforeEach
    void transactions() {
        held = new HeldTransactions(transactions);
    }

    @AfterEach
    void releaseCalls() throws Exception {
        held.close();
        data.clock().reset();
    }

    @ParameterizedTest(name = "{0} department(s)")
    @ValueSource(ints = {1, 2})
    void aCallLocksOnlyTheTokenItCalls(int departmentCount) throws Exception {
        List<Department> departments = departments(departmentCount);
        Queue queue = queue(departments);

        Token called = holdCall(data.doctor(departments.toArray(Department[]::new)));

        assertThat(called.id()).isEqualTo(queue.emergency().id());
        assertThat(lockableWaiting(departments)).isEqualTo(queue.size() - 1);
    }

    @ParameterizedTest(name = "{0} department(s)")
    @ValueSource(ints = {1, 2})
    void callsInFlightArePassedOverInCallOrder(int departmentCount) throws Exception {
        List<Department> departments = departments(departmentCount);
        Queue queue = queue(departments);
        Token secondEmergency = data.join(last(departments), data.patient(Priority.EMERGENCY));

        List<Long> called = new ArrayList<>();
        for (int i = 0; i < queue.size() + 1; i++) {
            called.add(holdCall(data.doctor(departments.toArray(Department[]::new)))
                    .id());
        }

        // Each call is held while the next is made: every class gives way to the next only once
        // calls in flight hold all of its tokens.
        assertThat(called)
                .containsExactly(
                        queue.emergency().id(),
                        secondEmergency.id(),
                        queue.overdueNormal().id(),
                        queue.priority().id(),
                        queue.normal().id());
        assertThat(lockableWaiting(departments)).isZero();
    }

    /**
     * A row written about a waiting token, such as the wait quoted to the patient just after the
     * join, locks the token against changes of its key while its transaction runs. That is no call
     * in flight: call-next still calls that patient (a call that skipped the token would call the
     * next one, or answer that nobody waits), and a transition of the token does not wait for it.
     */
    @ParameterizedTest(name = "{0} department(s)")
    @ValueSource(ints = {1, 2})
    void aRowWrittenAboutAWaitingTokenDoesNotHideIt(int departmentCount) throws Exception {
        List<Department> departments = departments(departmentCount);
        Token first = data.join(departments.get(0), data.patient(Priority.NORMAL));
        data.clock().advance(Duration.ofMinutes(1));
        Token second = data.join(last(departments), data.patient(Priority.NORMAL));
        holdQuote(first);

        Token called = holdCall(data.doctor(departments.toArray(Department[]::new)));

        assertThat(called.id()).isEqualTo(first.id());
        assertThat(called.id()).isNotEqualTo(second.id());
        assertThat(lockableWaiting(departments)).isEqualTo(1);
    }

    @Test
    void aTransitionDoesNotWaitForARowWrittenAboutTheToken() throws Exception {
        Token token = data.join(data.department().create(), data.patient(Priority.NORMAL));
        holdQuote(token);

        Future<Token> cancelled = held.submit(
                () -> actions.cancel(Actor.staff("reception"), token.id(), "left", TokenActionService.ANYONE));

        assertThat(cancelled.get(10, TimeUnit.SECONDS).status()).isEqualTo(TokenStatus.CANCELLED);
    }

    /** Stores a wait quote for the token in a transaction that stays open until the test ends. */
    private void holdQuote(Token token) throws Exception {
        held.hold(() -> {
            quotes.insertAll(List.of(
                    new WaitQuoteRepository.WaitQuote(token.id(), data.clock().instant(), 0, 1.0, 10.0, 0, 5)));
            return token;
        });
    }

    /** One token of each class that call-next tells apart, spread over the departments. */
    record Queue(Token overdueNormal, Token emergency, Token priority, Token normal) {
        int size() {
            return 4;
        }
    }

    // An hour and more after the first normal joined, it is overdue (the default maximum wait is 60
    // minutes) and goes before priorities; the emergency joins last and still goes first.
    private Queue queue(List<Department> departments) {
        Token overdueNormal = data.join(departments.get(0), data.patient(Priority.NORMAL));
        data.clock().advance(Duration.ofMinutes(70));
        Token priority = data.join(last(departments), data.patient(Priority.PRIORITY));
        data.clock().advance(Duration.ofMinutes(1));
        Token normal = data.join(departments.get(0), data.patient(Priority.NORMAL));
        data.clock().advance(Duration.ofMinutes(1));
        Token emergency = data.join(departments.get(0), data.patient(Priority.EMERGENCY));
        return new Queue(overdueNormal, emergency, priority, normal);
    }

    private List<Department> departments(int count) {
        List<Department> departments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            departments.add(data.department().create());
        }
        return departments;
    }

    private static Department last(List<Department> departments) {
        return departments.get(departments.size() - 1);
    }

    /** Calls the doctor's next patient in a transaction that stays open until the test ends. */
    private Token holdCall(Doctor doctor) throws Exception {
        return held.hold(
                () -> calls.callNext(CallTestData.actor(doctor), doctor.id()).orElseThrow());
    }

    /** Waiting tokens of the departments that no transaction holds. */
    private int lockableWaiting(List<Department> departments) {
        return new TransactionTemplate(transactions)
                .execute(status -> jdbc.sql("""
                                SELECT count(*) FROM (
                                    SELECT t.id FROM dqms.token t
                                     WHERE t.department_id = ANY(:departments) AND t.status = 'WAITING'
                                       FOR UPDATE SKIP LOCKED) free
                                """)
                        .param(
                                "departments",
                                departments.stream().map(Department::id).toArray(Long[]::new))
                        .query(Integer.class)
                        .single());
    }
}
