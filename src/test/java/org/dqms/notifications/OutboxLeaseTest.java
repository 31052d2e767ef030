package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.dqms.queue.NotifyChannel;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox's lease against slow sends, on the real database, with a gateway whose every answer
 * takes 25 s of the application's clock. A message is tried only while its lease can still cover
 * an attempt; the rest go back untried. A mark made after the lease was taken over changes nothing.
 */
@IntegrationTest
@Import(OutboxLeaseTest.Clocked.class)
class OutboxLeaseTest {

    private static final Instant START = Instant.parse("2030-01-15T06:00:00Z");
    private static final MovableClock CLOCK = new MovableClock(START);
    private static final MockWebServer GATEWAY = new MockWebServer();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final Set<NotifyChannel> SMS = Set.of(NotifyChannel.SMS);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        GATEWAY.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                REQUESTS.incrementAndGet();
                CLOCK.advance(Duration.ofSeconds(25));
                return new MockResponse.Builder().code(200).body("{}").build();
            }
        });
        TestGateway.serve(GATEWAY, registry, "1h");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocked {
        @Bean
        @Primary
        MovableClock outboxClock() {
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
    OutboxRepository outbox;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reset() {
        OutboxRows.deleteReminders(jdbc);
        CLOCK.set(START);
        REQUESTS.set(0);
    }

    @Test
    void whatTheLeaseCannotCoverGoesBackUntried() {
        List<Long> ids = List.of(reminder("a"), reminder("b"), reminder("c"));

        // Lease 60 s, an attempt may take 20: the first two fit, the third would run past it.
        assertThat(dispatcher.dispatch()).isEqualTo(2);

        assertThat(REQUESTS).hasValue(2);
        assertThat(row(ids.get(0))).containsEntry("status", "SENT");
        assertThat(row(ids.get(1))).containsEntry("status", "SENT");
        assertThat(row(ids.get(2)))
                .containsEntry("status", "PENDING")
                .containsEntry("attempts", 0)
                .containsEntry("lease_until", null);

        assertThat(dispatcher.dispatch()).isEqualTo(1);
        assertThat(row(ids.get(2))).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void aMarkAfterTheLeaseWasTakenOverChangesNothing() {
        long id = reminder("d");
        Instant firstLease = START.plusSeconds(60);
        assertThat(outbox.claim(START, firstLease, 20, SMS)).hasSize(1);

        // The first sender went quiet; another instance claims the message when the lease is over.
        Instant later = firstLease.plusSeconds(1);
        Instant secondLease = later.plusSeconds(60);
        assertThat(outbox.claim(later, secondLease, 20, SMS))
                .singleElement()
                .extracting(OutboxRepository.Claimed::attempts)
                .isEqualTo(2);

        assertThat(outbox.failed(id, firstLease, null, "late answer", later)).isFalse();
        assertThat(outbox.sent(id, firstLease, later)).isFalse();
        assertThat(row(id)).containsEntry("status", "SENDING");

        assertThat(outbox.sent(id, secondLease, later.plusSeconds(2))).isTrue();
        assertThat(row(id)).containsEntry("status", "SENT");
    }

    private long reminder(String key) {
        return OutboxRows.reminder(jdbc, "lease-test:" + key, NotifyChannel.SMS, CLOCK.instant());
    }

    private Map<String, Object> row(long id) {
        return OutboxRows.row(jdbc, id);
    }
}
