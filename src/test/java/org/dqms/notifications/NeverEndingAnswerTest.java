package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
 * A server that answers 200 at once and then sends its body a byte a second, so that the body never
 * ends in the test's time: every HTTP sender gives up at the attempt's deadline, the attempt counts
 * as failed, and the dispatcher goes on with the next message.
 */
@IntegrationTest
class NeverEndingAnswerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final MockWebServer SERVER = new MockWebServer();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        SERVER.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        TestGateway.serve(SERVER, registry, "1h");
        registry.add("DQMS_NOTIFY_ATTEMPT_TIMEOUT", () -> DEADLINE.toMillis() + "ms");
    }

    /** A request whose idempotency key ends in ":slow" gets the body that never ends; others 200. */
    private static MockResponse answer(RecordedRequest request) {
        String key = request.getHeaders().get("Idempotency-Key");
        if (key == null) {
            key = request.getHeaders().get(TwilioSender.IDEMPOTENCY);
        }
        if (key != null && key.endsWith(":slow")) {
            return new MockResponse.Builder()
                    .code(200)
                    .body("x".repeat(1 << 20))
                    .throttleBody(1, 1, TimeUnit.SECONDS)
                    .build();
        }
        return new MockResponse.Builder().code(200).body("{}").build();
    }

    @AfterAll
    static void stop() throws IOException {
        SERVER.close();
    }

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    WebhookEndpoints endpoints;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void clean() {
        OutboxRows.deleteReminders(jdbc);
        jdbc.sql("DELETE FROM dqms.webhook_endpoint").update();
    }

    @Test
    void theDispatcherFailsTheAttemptAtTheDeadlineAndSendsTheNextMessage() {
        long slow = OutboxRows.reminder(jdbc, "gateway:slow", NotifyChannel.SMS, Instant.now());
        long next = OutboxRows.reminder(jdbc, "gateway:next", NotifyChannel.SMS, Instant.now());

        long started = System.nanoTime();
        int sent = assertTimeoutPreemptively(
                Duration.ofSeconds(15), dispatcher::dispatch, "a round held by an answer that never ends");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(sent).isEqualTo(1);
        assertThat(took).isBetween(DEADLINE, DEADLINE.plusSeconds(3));
        assertThat(row(slow))
                .containsEntry("status", "PENDING")
                .containsEntry("attempts", 1)
                .containsEntry("last_error", "webhook did not finish within 1000 ms");
        assertThat(row(next)).containsEntry("status", "SENT");
    }

    @Test
    void theTwilioAndIntegratorSendersGiveUpAtTheDeadline() {
        TwilioSender twilio = new TwilioSender(
                HttpClient.newHttpClient(),
                SERVER.url("/twilio").toString(),
                "AC1",
                "token",
                "+15550001111",
                "",
                DEADLINE);
        String url = SERVER.url("/hooks").toString();
        long endpoint = endpoints.add(url, "s".repeat(40), List.of("token.called"), Instant.now());
        IntegratorSender integrator =
                new IntegratorSender(HttpClient::newHttpClient, endpoints, Clock.systemUTC(), DEADLINE);

        givesUp(
                () -> twilio.send(new Message(1, "twilio:slow", NotifyChannel.SMS, "+919800000002", "", "Hi")),
                "provider did not finish within 1000 ms");
        givesUp(
                () -> integrator.send(new Message(2, "hook:slow", null, url, "", "{}", endpoint)),
                "endpoint did not finish within 1000 ms");
    }

    private static void givesUp(ThrowingCallable send, String failure) {
        long started = System.nanoTime();
        assertTimeoutPreemptively(
                Duration.ofSeconds(15),
                () -> assertThatThrownBy(send)
                        .isInstanceOf(Sender.SendFailure.class)
                        .hasMessage(failure));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(DEADLINE, DEADLINE.plusSeconds(3));
    }

    private Map<String, Object> row(long id) {
        return OutboxRows.row(jdbc, id);
    }
}
