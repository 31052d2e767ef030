package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.dqms.queue.TokenEvents.TokenExpired;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tokens still WAITING when their department closes for the day become EXPIRED; everything else
 * stays as it is, and nothing is deleted. The department is open 08:00-12:00 and 13:00-17:00 in
 * Kolkata; the tests join at 11:30 and run the expiry at chosen moments.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
@RecordApplicationEvents
class ClosingTimeExpiryTest {

    private static final Instant LUNCH_BREAK = Instant.parse("2030-01-15T07:00:00Z"); // 12:30 in Kolkata
    private static final Instant JUST_BEFORE_CLOSING = Instant.parse("2030-01-15T11:29:59Z"); // 16:59:59
    private static final Instant CLOSING = Instant.parse("2030-01-15T11:30:00Z"); // 17:00
    private static final Instant NEXT_MORNING = Instant.parse("2030-01-16T01:30:00Z"); // 07:00 on the 16th

    @Autowired
    QueueTestData data;

    @Autowired
    ClosingTimeExpiry expiry;

    @Autowired
    DepartmentService departments;

    @Autowired
    TokenRepository tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    Department department;

    @BeforeEach
    void department() {
        department =
                data.department().openDaily("08:00", "12:00", "13:00", "17:00").create();
    }

    @Test
    void waitingTokensExpireAtTheLastClosingTimeOfTheDay() {
        Token first = data.join(department);
        Token second = data.join(department);

        int expired = expiry.expireClosed(department, CLOSING);

        assertThat(expired).isEqualTo(2);
        for (Token token : new Token[] {first, second}) {
            Token stored = data.reload(token);
            assertThat(stored.status()).isEqualTo(TokenStatus.EXPIRED);
            assertThat(stored.endedAt()).isEqualTo(CLOSING);
            assertThat(tokens.history(token.id()))
                    .last()
                    .isEqualTo(new TokenTransition(
                            TokenStatus.WAITING, TokenStatus.EXPIRED, "system:dqms", "department closed", CLOSING));
        }
        assertThat(events.stream(TokenExpired.class))
                .containsExactlyInAnyOrder(
                        new TokenExpired(first.id(), department.id(), CLOSING, "system:dqms"),
                        new TokenExpired(second.id(), department.id(), CLOSING, "system:dqms"));
    }

    @Test
    void nothingExpiresDuringABreakOrBeforeClosing() {
        Token token = data.join(department);

        assertThat(expiry.expireClosed(department, LUNCH_BREAK)).isZero();
        assertThat(expiry.expireClosed(department, JUST_BEFORE_CLOSING)).isZero();
        assertThat(data.reload(token).status()).isEqualTo(TokenStatus.WAITING);
    }

    @Test
    void calledTokensAndTokensInConsultationAreLeftAloneAndNothingIsDeleted() {
        Doctor doctor = data.doctor(department);
        Doctor colleague = data.doctor(department);
        Token waiting = data.join(department);
        Token called = data.call(data.join(department), doctor);
        Token inConsultation = data.start(data.join(department), colleague);
        Token cancelled = data.cancel(data.join(department));

        assertThat(expiry.expireClosed(department, CLOSING)).isEqualTo(1);

        assertThat(data.reload(waiting).status()).isEqualTo(TokenStatus.EXPIRED);
        assertThat(data.reload(called).status()).isEqualTo(TokenStatus.CALLED);
        assertThat(data.reload(inConsultation).status()).isEqualTo(TokenStatus.IN_CONSULTATION);
        assertThat(data.reload(cancelled).status()).isEqualTo(TokenStatus.CANCELLED);
        assertThat(tokensOfDepartment()).isEqualTo(4);
    }

    @Test
    void runningAgainExpiresNothingMore() {
        data.join(department);
        expiry.expireClosed(department, CLOSING);
        events.clear();

        assertThat(expiry.expireClosed(department, CLOSING.plusSeconds(60))).isZero();
        assertThat(events.stream(TokenExpired.class)).isEmpty();
    }

    @Test
    void tokensLeftOverFromAnEarlierDayExpireTheNextMorning() {
        Token token = data.join(department);

        // The server was down at 17:00; the next run is the next morning, before opening.
        assertThat(expiry.expireClosed(department, NEXT_MORNING)).isEqualTo(1);

        assertThat(data.reload(token).status()).isEqualTo(TokenStatus.EXPIRED);
        assertThat(data.reload(token).endedAt()).isEqualTo(NEXT_MORNING);
    }

    @Test
    void tokensOfTheNewDayAreNotExpiredWithThoseOfTheDayBefore() {
        Token yesterday = data.join(department);
        data.clock().set(Instant.parse("2030-01-16T03:00:00Z")); // 08:30 on the 16th
        Token today = data.join(department);
        data.clock().reset();

        assertThat(expiry.expireClosed(department, Instant.parse("2030-01-16T03:01:00Z")))
                .isEqualTo(1);

        assertThat(data.reload(yesterday).status()).isEqualTo(TokenStatus.EXPIRED);
        assertThat(data.reload(today).status()).isEqualTo(TokenStatus.WAITING);
    }

    @Test
    void patientsWaitingWhenTheirDayIsClosedExpireAtItsUsualClosingNotTheNextDay() {
        Token token = data.join(department);
        Department closedToday =
                departments.closeOn(Actor.staff("test-admin"), department.id(), LocalDate.parse("2030-01-15"), "Water");

        assertThat(expiry.expireClosed(closedToday, JUST_BEFORE_CLOSING)).isZero();
        assertThat(expiry.expireClosed(closedToday, CLOSING)).isEqualTo(1);

        assertThat(data.reload(token).status()).isEqualTo(TokenStatus.EXPIRED);
        assertThat(data.reload(token).endedAt()).isEqualTo(CLOSING);
    }

    @Test
    void theRunOverAllDepartmentsIncludesThisOne() {
        Token token = data.join(department);

        assertThat(expiry.expireClosed(CLOSING)).isPositive();

        assertThat(data.reload(token).status()).isEqualTo(TokenStatus.EXPIRED);
    }

    @Test
    void aTokenLockedByAnotherTransactionIsLeftForTheNextRun(@Autowired PlatformTransactionManager transactions)
            throws Exception {
        Token locked = data.join(department);
        Token free = data.join(department);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> other =
                CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    tokens.lock(locked.id());
                    held.countDown();
                    await(release);
                }));
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

        int firstRun = expiry.expireClosed(department, CLOSING);
        release.countDown();
        other.get(30, TimeUnit.SECONDS);
        int secondRun = expiry.expireClosed(department, CLOSING.plusSeconds(60));

        assertThat(firstRun).isEqualTo(1);
        assertThat(secondRun).isEqualTo(1);
        assertThat(data.reload(free).endedAt()).isEqualTo(CLOSING);
        assertThat(data.reload(locked).endedAt()).isEqualTo(CLOSING.plusSeconds(60));
    }

    @Test
    void withExpiryTurnedOffWaitingTokensStayWaiting(
            @Autowired DepartmentService departments,
            @Autowired ExpiryRepository expiries,
            @Autowired ApplicationEventPublisher publisher,
            @Autowired PlatformTransactionManager transactions,
            @Autowired QueueSettings settings,
            @Autowired Clock clock) {
        QueueSettings off = new QueueSettings(
                settings.maxWait(),
                settings.priorityStreakLimit(),
                settings.noShowAfterRecalls(),
                settings.noShowTimeout(),
                false,
                settings.serviceTimeWeight());
        ClosingTimeExpiry disabled =
                new ClosingTimeExpiry(departments, expiries, tokens, publisher, transactions, off, clock);
        Token token = data.join(department);

        assertThat(disabled.expireClosed(department, CLOSING)).isZero();
        assertThat(disabled.expireClosed(CLOSING)).isZero();
        assertThat(data.reload(token).status()).isEqualTo(TokenStatus.WAITING);
    }

    @Test
    void theServerRunsTheExpiryEveryMinute(@Autowired ScheduledTaskHolder scheduler) {
        // The tasks are cancelled in tests (QueueTestData), but stay registered.
        assertThat(scheduler.getScheduledTasks())
                .map(ScheduledTask::getTask)
                .filteredOn(task -> task.toString().equals(ClosingTimeExpiry.class.getName() + ".run"))
                .singleElement()
                .isInstanceOfSatisfying(
                        CronTask.class, task -> assertThat(task.getExpression()).isEqualTo("0 * * * * *"));
    }

    private long tokensOfDepartment() {
        return jdbc.sql("SELECT count(*) FROM dqms.token WHERE department_id = :departmentId")
                .param("departmentId", department.id())
                .query(Long.class)
                .single();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
