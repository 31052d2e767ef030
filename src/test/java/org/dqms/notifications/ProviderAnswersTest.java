package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dqms.queue.NotifyChannel;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the dispatcher makes of the gateway's answers, on the application's clock: a refusal (a 4xx
 * but 408, 425 and 429) fails the message at once; a busy gateway's Retry-After, in seconds or as
 * a date, is waited for, at most the longest backoff; other failures wait the backoff.
 */
@IntegrationTest
@Import(ProviderAnswersTest.Clocked.class)
class ProviderAnswersTest {

    private static final Instant START = Instant.parse("2030-01-15T06:00:00Z");
    private static final MovableClock CLOCK = new MovableClock(START);
    private static final MockWebServer GATEWAY = new MockWebServer();
    // DQMS_NOTIFY_RETRY_BASE's default: the wait after a first failed attempt.
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        TestGateway.serve(GATEWAY, registry, "1h");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocked {
        @Bean
        @Primary
        MovableClock answersClock() {
            return CLOCK;
        }
    }

    @AfterAll
    static void stop() throws IOException {
        GATEWAY.close();
    }

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NotificationFailures failures;

    @AfterEach
    void clean() {
        OutboxRows.deleteReminders(jdbc);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 422})
    void aRefusalFailsTheMessageAtOnce(int status) {
        double counted = failures.counter("SMS").count();

        Map<String, Object> row = answered(new MockResponse.Builder().code(status));

        assertThat(row)
                .containsEntry("status", "FAILED")
                .containsEntry("attempts", 1)
                .containsEntry("last_error", "webhook answered " + status);
        assertThat(failures.counter("SMS").count()).isEqualTo(counted + 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503})
    void otherFailuresAreTriedAgainAfterTheBackoff(int status) {
        double counted = failures.counter("SMS").count();

        Map<String, Object> row = answered(new MockResponse.Builder().code(status));

        assertThat(row)
                .containsEntry("status", "PENDING")
                .containsEntry("last_error", "webhook answered " + status)
                .containsEntry("next_attempt_at", Timestamp.from(START.plus(BACKOFF)));
        assertThat(failures.counter("SMS").count()).isEqualTo(counted);
    }

    static Stream<Arguments> retryAfters() {
        String inFiveMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                START.plus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC));
        return Stream.of(
                Arguments.of(429, "120", Duration.ofSeconds(120)),
                Arguments.of(503, inFiveMinutes, Duration.ofMinutes(5)),
                // At most the longest backoff; never sooner than the backoff.
                Arguments.of(429, "86400", Duration.ofMinutes(10)),
                Arguments.of(503, "0", BACKOFF),
                Arguments.of(429, "soon", BACKOFF));
    }

    @ParameterizedTest
    @MethodSource("retryAfters")
    void aBusyGatewaysRetryAfterIsWaitedFor(int status, String retryAfter, Duration wait) {
        Map<String, Object> row =
                answered(new MockResponse.Builder().code(status).setHeader("Retry-After", retryAfter));

        assertThat(row)
                .containsEntry("status", "PENDING")
                .containsEntry("attempts", 1)
                .containsEntry("next_attempt_at", Timestamp.from(START.plus(wait)));
    }

    /** The row of a message sent once to the gateway, which gave this answer. */
    private Map<String, Object> answered(MockResponse.Builder answer) {
        GATEWAY.enqueue(answer.build());
        long id = OutboxRows.reminder(jdbc, "answers-test:1", NotifyChannel.SMS, START);

        assertThat(dispatcher.dispatch()).isZero();

        return OutboxRows.row(jdbc, id);
    }
}
