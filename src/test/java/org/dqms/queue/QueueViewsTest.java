package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Positions read from the departments' views: the clock stands still here, so a view never ages
 * out, and only a change on this instance, a change notification or a moved clock brings a new one.
 * A change written straight into the table stands for another instance's change.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class QueueViewsTest {

    private static final String CANCEL_BEHIND_THE_BACK = """
            UPDATE dqms.token SET status = 'CANCELLED', ended_at = now(), version = version + 1 WHERE id = :id
            """;

    @Autowired
    QueueTestData data;

    @Autowired
    PositionService positions;

    @Autowired
    QueueViews views;

    @Autowired
    CallService calls;

    @Autowired
    TokenActionService actions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PlatformTransactionManager transactions;

    private Department department;
    private Token first;
    private Token second;
    private Token third;

    @BeforeEach
    void threeWaiting() throws InterruptedException {
        data.clock().reset();
        department = data.department().create();
        first = data.join(department);
        second = data.join(department);
        third = data.join(department);
        awaitOwnNotifications();
    }

    /**
     * The joins above also reach this instance as change notifications, within the notify interval;
     * each one drops the department's view. Waits until they have arrived, so that none drops a
     * view in the middle of a test.
     */
    private void awaitOwnNotifications() throws InterruptedException {
        long joined = views.stamp(department.id()).version();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long seen = joined;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(25);
            long now = views.stamp(department.id()).version();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (seen > joined
                    && System.nanoTime() - quietSince > Duration.ofMillis(300).toNanos()) {
                return;
            }
        }
        throw new AssertionError("no change notification for department " + department.id() + " within 10 s");
    }

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    @Test
    void aLookupIsServedFromTheViewUntilTheDepartmentChanges() {
        assertThat(positions.position(third.id()).position()).isEqualTo(3);

        cancelBehindTheBack(first);

        assertThat(positions.position(third.id()).position())
                .as("the view read before the change")
                .isEqualTo(3);
        views.changed(List.of(department.id()));
        assertThat(positions.position(third.id()).position()).isEqualTo(2);
    }

    @Test
    void aViewIsNeverOlderThanItsMaximumAge() {
        assertThat(positions.position(third.id()).position()).isEqualTo(3);
        cancelBehindTheBack(first);

        data.clock().advance(QueueViews.MAX_AGE.minusMillis(1));
        assertThat(positions.position(third.id()).position()).isEqualTo(3);
        data.clock().advance(Duration.ofMillis(1));
        assertThat(positions.position(third.id()).position()).isEqualTo(2);
    }

    /**
     * An aging view is read again on the refresher thread while lookups go on with it: a lookup does
     * not wait for that read, even while another read of the department holds it up, and the view
     * is read again as soon as it can be.
     */
    @Test
    void aLookupDoesNotWaitWhileAnAgingViewIsReadAgain() throws Exception {
        assertThat(positions.position(third.id()).position()).isEqualTo(3);
        double before = viewReads();
        cancelBehindTheBack(first);
        data.clock().advance(QueueViews.REFRESH_AFTER);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            threads.submit(() -> {
                synchronized (views.readingLock(department.id())) {
                    held.countDown();
                    release.await();
                }
                return null;
            });
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

            Future<Integer> lookup =
                    threads.submit(() -> positions.position(third.id()).position());

            assertThat(lookup.get(10, TimeUnit.SECONDS))
                    .as("from the aging view, while its read waits")
                    .isEqualTo(3);
        } finally {
            release.countDown();
            threads.shutdown();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (viewReads() - before < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(viewReads() - before).isEqualTo(1.0);
        assertThat(positions.position(third.id()).position()).isEqualTo(2);
    }

    @Test
    void aChangeOnThisInstanceShowsInTheNextLookup() {
        Doctor doctor = data.doctor(department);
        assertThat(positions.position(third.id()).position()).isEqualTo(3);

        calls.callNext(CallTestData.actor(doctor), doctor.id()).orElseThrow();

        assertThat(positions.position(third.id()).position()).isEqualTo(2);
        assertThat(positions.position(first.id()).status()).isEqualTo(TokenStatus.CALLED);
    }

    @Test
    void aWaitingTokenIsFoundByItsLinkInItsDepartmentsView() {
        assertThat(positions.waitingByLink(java.util.UUID.randomUUID()))
                .as("a link no view held")
                .isEmpty();
        assertThat(positions.position(third.id()).position()).isEqualTo(3);

        cancelBehindTheBack(first);
        cancelBehindTheBack(third);
        PositionService.WaitingToken fromView =
                positions.waitingByLink(third.publicId()).orElseThrow();

        assertThat(fromView.token().status()).as("as the view read it").isEqualTo(TokenStatus.WAITING);
        assertThat(fromView.token().number()).isEqualTo(third.number().display());
        assertThat(fromView.position().position()).isEqualTo(3);

        views.changed(List.of(department.id()));
        assertThat(positions.waitingByLink(third.publicId()))
                .as("no longer waiting")
                .isEmpty();
        assertThat(views.departmentOf(third.publicId()))
                .as("forgotten with the view that held it")
                .isEmpty();
        assertThat(positions
                        .waitingByLink(second.publicId())
                        .orElseThrow()
                        .position()
                        .position())
                .isEqualTo(1);
    }

    @Test
    void aTokenCalledSinceItWasReadHasNoPosition() {
        Token stale = data.reload(first);
        assertThat(positions.position(stale).position()).isEqualTo(1);
        Doctor doctor = data.doctor(department);
        calls.callNext(CallTestData.actor(doctor), doctor.id()).orElseThrow();

        PositionService.TokenPosition position = positions.position(stale);

        assertThat(position.status()).isEqualTo(TokenStatus.CALLED);
        assertThat(position.position()).isNull();
    }

    @Test
    void aNotificationFromAnotherInstanceDropsTheView() throws InterruptedException {
        assertThat(positions.position(third.id()).position()).isEqualTo(3);
        cancelBehindTheBack(first);

        jdbc.sql("SELECT pg_notify('dqms_queue', :payload)")
                .param("payload", Long.toString(department.id()))
                .query()
                .singleRow();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Integer position = positions.position(third.id()).position();
        while (position != 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            position = positions.position(third.id()).position();
        }
        assertThat(position).isEqualTo(2);
    }

    @Test
    void aReadWriteTransactionSeesItsOwnChangesAndLeavesNoViewOfThem() {
        views.forgetAll();
        TransactionTemplate readWrite = new TransactionTemplate(transactions);

        Integer inside = readWrite.execute(tx -> {
            cancelBehindTheBack(first);
            Integer position = positions.position(third.id()).position();
            tx.setRollbackOnly();
            return position;
        });

        assertThat(inside).isEqualTo(2);
        assertThat(positions.position(third.id()).position())
                .as("after the rollback, with no view kept from inside it")
                .isEqualTo(3);
    }

    @Test
    void lookupsArrivingTogetherShareOneReadOfTheQueue() throws Exception {
        views.forgetAll();
        double before = meters.counter("dqms.queue.view.reads").count();
        List<Token> tokens = List.of(first, second, third);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService phones = Executors.newFixedThreadPool(12);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Token token = tokens.get(i % 3);
            answers.add(phones.submit(() -> {
                go.await();
                return positions.position(data.reload(token)).position();
            }));
        }
        go.countDown();
        List<Integer> places = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            places.add(answer.get(30, TimeUnit.SECONDS));
        }
        phones.shutdown();

        assertThat(places).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3);
        assertThat(meters.counter("dqms.queue.view.reads").count() - before).isEqualTo(1.0);
    }

    /**
     * Readers look the last token up without pause while the doctor calls the others one by one: a
     * lookup that starts after a call returned never shows the place from before it, and none shows
     * a place the queue has not reached yet.
     */
    @Test
    void lookupsRacingCallsNeverShowAPlaceFromBeforeACompletedCall() throws Exception {
        Doctor doctor = data.doctor(department);
        List<Token> waiting = new ArrayList<>(List.of(first, second, third));
        for (int i = 0; i < 17; i++) {
            waiting.add(data.join(department));
        }
        Token last = waiting.get(waiting.size() - 1);
        AtomicInteger callsDone = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger lookups = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ExecutorService readers = Executors.newFixedThreadPool(6);
        for (int r = 0; r < 6; r++) {
            readers.submit(() -> {
                while (running.get()) {
                    int before = callsDone.get();
                    Integer position = positions.position(last.id()).position();
                    int after = callsDone.get();
                    lookups.incrementAndGet();
                    // Calls in flight may or may not show yet; completed ones must.
                    if (position == null || position > 20 - before || position < 20 - after - 1) {
                        wrong.add("position " + position + " with " + before + ".." + after + " calls done");
                    }
                }
                return null;
            });
        }
        awaitMore(lookups, 0);
        for (int call = 1; call <= 12; call++) {
            int lookupsBefore = lookups.get();
            calls.callNext(CallTestData.actor(doctor), doctor.id()).orElseThrow();
            callsDone.incrementAndGet();
            Token called = waiting.get(call - 1);
            actions.start(CallTestData.actor(doctor), called.id(), TokenActionService.ANYONE);
            actions.complete(CallTestData.actor(doctor), called.id(), null, TokenActionService.ANYONE);
            // However fast the calls, lookups go on between them.
            awaitMore(lookups, lookupsBefore);
        }
        running.set(false);
        readers.shutdown();
        assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(wrong).isEmpty();
        assertThat(lookups.get()).isGreaterThan(12);
        assertThat(positions.position(last.id()).position()).isEqualTo(8);
    }

    private static void awaitMore(AtomicInteger count, int than) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count.get() <= than) {
            assertThat(System.nanoTime()).as("waiting for more lookups").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private double viewReads() {
        return meters.counter("dqms.queue.view.reads").count();
    }

    private void cancelBehindTheBack(Token token) {
        assertThat(jdbc.sql(CANCEL_BEHIND_THE_BACK).param("id", token.id()).update())
                .isEqualTo(1);
    }
}
