package org.dqms.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.dqms.testing.FreezableProxy;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * The listening session's connection goes silent without closing, as when the database's host
 * vanishes in a failover or a NAT forgets the connection: the instance notices within its ping and
 * answer timeouts and listens again on a new session, instead of reporting itself listening while
 * no change reaches its boards.
 */
class SilentListenerSessionTest {

    @Test
    void aSilentSessionIsReplacedWithinThePingAndAnswerTimeouts() throws Exception {
        try (TestPostgres postgres = TestPostgres.start();
                FreezableProxy proxy = new FreezableProxy(postgres.port());
                RunningApp app = RunningApp.start(Map.of(
                        "DATABASE_URL",
                        postgres.url("postgres", null, "postgres", "sslmode=disable"),
                        "DIRECT_DATABASE_URL",
                        "postgresql://postgres@localhost:" + proxy.port() + "/postgres?sslmode=disable"))) {
            QueueChangeListener listener = app.context().getBean(QueueChangeListener.class);
            assertThat(await(listener::listening, Duration.ofSeconds(20)))
                    .as("listening at start")
                    .isTrue();

            Instant frozen = Instant.now();
            proxy.freezeOpenConnections();

            // A ping every 10 s, an answer within 10 s, then a new session.
            boolean replaced =
                    await(() -> listener.listening() && listener.since().isAfter(frozen), Duration.ofSeconds(45));
            assertThat(replaced).as("listening again on a new session").isTrue();
        }
    }

    private static boolean await(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
