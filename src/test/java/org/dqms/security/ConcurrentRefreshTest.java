package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dqms.accounts.AccountEvents.AccountEnabledChanged;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.UserAccount;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Two clients that present the same refresh token at once, as a thief and its owner would. */
@IntegrationTest
class ConcurrentRefreshTest {

    private static final int THREADS = 8;

    @Autowired
    SessionService sessions;

    @Autowired
    AccountService accountService;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private TestAccounts accounts;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(accountService, jdbc);
    }

    @AfterEach
    void cleanUp() throws Exception {
        accounts.cleanUp();
    }

    @RepeatedTest(3)
    void exactlyOneRefreshWithATokenSucceedsAndTheSessionIsThenRevoked() throws Exception {
        UserAccount patient = accounts.patient();
        String token = sessions.start(patient).refreshToken();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<SessionService.Refresh>> results = new ArrayList<>();
        try {
            for (int i = 0; i < THREADS; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return sessions.refresh(token);
                }));
            }
            start.countDown();
            List<SessionService.Refresh> outcomes = new ArrayList<>();
            for (Future<SessionService.Refresh> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }

            List<SessionService.Refresh.Refreshed> refreshed = outcomes.stream()
                    .filter(SessionService.Refresh.Refreshed.class::isInstance)
                    .map(SessionService.Refresh.Refreshed.class::cast)
                    .toList();
            assertThat(refreshed).hasSize(1);
            assertThat(sessions.refresh(refreshed.get(0).session().refreshToken()))
                    .isInstanceOf(SessionService.Refresh.Refused.class);
            assertThat(jdbc.sql("SELECT count(*) FROM dqms.refresh_token WHERE user_id = :id AND revoked_at IS NULL")
                            .param("id", patient.id())
                            .query(Long.class)
                            .single())
                    .isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The owner presents a token the thief has already rotated, while the thief's next rotation is
     * in flight: the session must end with the token that rotation was issuing, or the thief keeps it.
     */
    @Test
    void aReuseRevokesTheTokenThatARotationInFlightIsIssuing() throws Exception {
        UserAccount patient = accounts.patient();
        String stolen = sessions.start(patient).refreshToken();
        String thiefsToken = refreshed(sessions.refresh(stolen));
        CountDownLatch rotated = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> thiefsNext = pool.submit(() -> new TransactionTemplate(transactions).execute(status -> {
                String next = refreshed(sessions.refresh(thiefsToken));
                rotated.countDown();
                try {
                    commit.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return next;
            }));
            assertThat(rotated.await(30, TimeUnit.SECONDS)).isTrue();

            Future<SessionService.Refresh> owners = pool.submit(() -> sessions.refresh(stolen));
            // The owner's refresh waits for the rotation in flight, then revokes what it committed.
            Thread.sleep(500);
            commit.countDown();

            assertThat(owners.get(30, TimeUnit.SECONDS)).isEqualTo(new SessionService.Refresh.Refused("reused"));
            assertThat(sessions.refresh(thiefsNext.get(30, TimeUnit.SECONDS)))
                    .isEqualTo(new SessionService.Refresh.Refused("revoked"));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * The account is disabled while a rotation of its session is in flight: the token that rotation
     * was issuing must be revoked with the others, or enabling the account again would revive it.
     */
    @Test
    void disablingRevokesTheTokenThatARotationInFlightIsIssuing() throws Exception {
        UserAccount patient = accounts.patient();
        String token = sessions.start(patient).refreshToken();
        CountDownLatch rotated = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> next = pool.submit(() -> new TransactionTemplate(transactions).execute(status -> {
                String issued = refreshed(sessions.refresh(token));
                rotated.countDown();
                try {
                    commit.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return issued;
            }));
            assertThat(rotated.await(30, TimeUnit.SECONDS)).isTrue();

            Future<?> disabling = pool.submit(() -> new TransactionTemplate(transactions)
                    .executeWithoutResult(
                            status -> sessions.on(new AccountEnabledChanged(patient.id(), false, "staff:test-admin"))));
            // The revocation waits for the rotation in flight, then revokes what it committed.
            Thread.sleep(500);
            commit.countDown();
            disabling.get(30, TimeUnit.SECONDS);

            assertThat(sessions.refresh(next.get(30, TimeUnit.SECONDS)))
                    .isEqualTo(new SessionService.Refresh.Refused("revoked"));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    private static String refreshed(SessionService.Refresh refresh) {
        assertThat(refresh).isInstanceOf(SessionService.Refresh.Refreshed.class);
        return ((SessionService.Refresh.Refreshed) refresh).session().refreshToken();
    }
}
