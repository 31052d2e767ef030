package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.platform.Actor;
import org.dqms.queue.NotifyChannel;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A STOP that comes in after a message was stored: the message is not sent but FAILED as "opted
 * out", and an operator's retry of a failed message to that number is refused until START.
 */
@IntegrationTest
class StopBeforeSendingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MockWebServer GATEWAY = new MockWebServer();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    // The number of OutboxRows' SMS reminders.
    private static final String PHONE = "+919800000001";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        GATEWAY.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                REQUESTS.incrementAndGet();
                return new MockResponse.Builder().code(200).body("{}").build();
            }
        });
        TestGateway.serve(GATEWAY, registry, "1h");
    }

    @AfterAll
    static void stop() throws IOException {
        GATEWAY.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    OptOuts optOuts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void clean() {
        optOuts.start(PHONE);
        OutboxRows.deleteReminders(jdbc);
        REQUESTS.set(0);
    }

    @Test
    void aMessageStoredBeforeTheStopIsNotSent() {
        long id = OutboxRows.reminder(jdbc, "stop-test:queued", NotifyChannel.SMS, Instant.now());
        optOuts.stop(PHONE, Instant.now());

        assertThat(dispatcher.dispatch()).isZero();

        assertThat(REQUESTS).hasValue(0);
        assertThat(OutboxRows.row(jdbc, id))
                .containsEntry("status", "FAILED")
                .containsEntry("last_error", "opted out")
                .containsEntry("lease_until", null);
    }

    @Test
    void aRetryOfAMessageToANumberThatSaidStopIsRefusedUntilStart() {
        long id = failedReminder("stop-test:api");
        optOuts.stop(PHONE, Instant.now());
        ApiClient admin = ApiClient.asAdmin(port, accounts);

        HttpResponse<String> refused = retry(admin, id);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("title").asString()).isEqualTo("Recipient opted out");
        assertThat(problem.get("reason").asString()).isEqualTo("opted-out");
        assertThat(OutboxRows.row(jdbc, id)).containsEntry("status", "FAILED");

        optOuts.start(PHONE);
        assertThat(retry(admin, id).statusCode()).isEqualTo(200);
        assertThat(OutboxRows.row(jdbc, id)).containsEntry("status", "PENDING");
    }

    @Test
    void theRetryButtonSaysTheNumberAnsweredStop() {
        long id = failedReminder("stop-test:page");
        optOuts.stop(PHONE, Instant.now());
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@hospital.example";
        accounts.createStaff(Actor.staff("t"), email, "Admin", Role.ADMIN, Set.of(), null, ApiClient.PASSWORD);
        PageSession admin = PageSession.signIn(port, email, ApiClient.PASSWORD);
        assertThat(admin.get("/admin/notifications").body()).contains("/admin/notifications/" + id + "/retry");

        HttpResponse<String> retried = admin.post("/admin/notifications/" + id + "/retry", Map.of());

        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(retried.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("optedOut=" + id));
        assertThat(admin.get("/admin/notifications?optedOut=" + id).body())
                .contains("Not retried: the number answered STOP");
        assertThat(OutboxRows.row(jdbc, id)).containsEntry("status", "FAILED");
    }

    private long failedReminder(String key) {
        long id = OutboxRows.reminder(jdbc, key, NotifyChannel.SMS, Instant.now());
        jdbc.sql("UPDATE dqms.notification_outbox SET status = 'FAILED' WHERE id = :id")
                .param("id", id)
                .update();
        return id;
    }

    private static HttpResponse<String> retry(ApiClient admin, long id) {
        return admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/notifications/" + id + "/retry"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }
}
