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
        GATEWAY.start(0);
        registry.add("DQMS_SMS_PROVIDER", () -> "webhook");
        registry.add("DQMS_SMS_PROVIDER_URL", () -> GATEWAY.url("/sms").toString());
        registry.add("DQMS_SMS_PROVIDER_SECRET", () -> "stop-test-gateway-secret-0123456789");
        registry.add("DQMS_NOTIFY_POLL_INTERVAL", () -> "20ms");
        registry.add("DQMS_NOTIFY_MAX_ATTEMPTS", () -> "1");
    }

    @AfterAll
    static void stop() throws IOException {
        GATEWAY.close();
    }

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    OutboxRepository outbox;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void clean() {
        dispatcher.stop();
        jdbc.sql("DELETE FROM dqms.notification_outbox WHERE kind = 'REMINDER'").update();
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
        assertThat(outbox.addReminder(
                        "stop-test:" + key, NotifyChannel.SMS, "+919800000003", "Reminder", "Reminder", Instant.now()))
                .isTrue();
        return jdbc.sql("SELECT id FROM dqms.notification_outbox WHERE idempotency_key = :key")
                .param("key", "stop-test:" + key)
                .query(Long.class)
                .single();
    }

    private List<String> status(List<Long> ids) {
        return ids.stream().map(id -> (String) row(id).get("status")).toList();
    }

    private Map<String, Object> row(long id) {
        return jdbc.sql("SELECT status, attempts, lease_until, last_error FROM dqms.notification_outbox WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
