package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.dqms.queue.NotifyChannel;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dispatcher is stopped, as in every deploy, while a batch of three is claimed and the gateway
 * has not yet answered the first: all three go back untried, no attempt counted. Each is on its last
 * attempt, so one counted attempt would have made it FAILED.
 */
@IntegrationTest
class DispatchStopTest {

    private static final MockWebServer GATEWAY = new MockWebServer();
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        GATEWAY.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                REQUESTS.incrementAndGet();
                return new MockResponse.Builder()
                        .code(200)
                        .headersDelay(1, TimeUnit.MINUTES)
                        .build();
            }
        });
        TestGateway.serve(GATEWAY, registry, "20ms");
        registry.add("DQMS_NOTIFY_MAX_ATTEMPTS", () -> "1");
    }

    @AfterAll
    static void stop() throws IOException {
        GATEWAY.close();
    }

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void clean() {
        dispatcher.stop();
        OutboxRows.deleteReminders(jdbc);
        dispatcher.start();
    }

    @Test
    void aStopGivesBackTheMessageUnderWayAndTheRestOfTheBatchUncounted() throws Exception {
        // Stored while no round runs, so that one claim takes all three.
        dispatcher.stop();
        List<Long> ids = List.of(reminder("a"), reminder("b"), reminder("c"));
        dispatcher.start();
        await(() -> REQUESTS.get() == 1);
        await(() -> status(ids).equals(List.of("SENDING", "SENDING", "SENDING")));

        dispatcher.stop();
        // The rows as the stopped round left them.
        await(() -> !status(ids).contains("SENDING"));

        assertThat(ids)
                .allSatisfy(id -> assertThat(row(id))
                        .containsEntry("status", "PENDING")
                        .containsEntry("attempts", 0)
                        .containsEntry("lease_until", null)
                        .containsEntry("last_error", null));
        assertThat(REQUESTS).hasValue(1);
    }

    private long reminder(String key) {
        return OutboxRows.reminder(jdbc, "stop-test:" + key, NotifyChannel.SMS, Instant.now());
    }

    private List<String> status(List<Long> ids) {
        return ids.stream().map(id -> (String) row(id).get("status")).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private Map<String, Object> row(long id) {
        return OutboxRows.row(jdbc, id);
    }
}
