package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.queue.NotifyChannel;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a claim takes, on the real database, beside an integrator's endpoint that hangs: each of its
 * answers is a 500 after 5 s of the application's clock. A patient's message is claimed and sent
 * before webhook rows that fell due earlier, and the endpoint gets one attempt a round. This
 * instance has an SMS gateway and no SMTP server, and claims no email.
 */
@IntegrationTest
@Import(OutboxClaimTest.Clocked.class)
class OutboxClaimTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MovableClock CLOCK = new MovableClock(Instant.now());
    private static final MockWebServer GATEWAY = new MockWebServer();
    private static final MockWebServer ENDPOINT = new MockWebServer();
    private static final AtomicInteger ENDPOINT_REQUESTS = new AtomicInteger();
    private static final Set<NotifyChannel> SMS = Set.of(NotifyChannel.SMS);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        ENDPOINT.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                ENDPOINT_REQUESTS.incrementAndGet();
                CLOCK.advance(Duration.ofSeconds(5));
                return new MockResponse.Builder().code(500).build();
            }
        });
        ENDPOINT.start(0);
        GATEWAY.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
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
        ENDPOINT.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    OutboxRepository outbox;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    long endpoint;

    @BeforeEach
    void register() {
        admin = ApiClient.asAdmin(port, accounts);
        HttpResponse<String> registered = admin.send(admin.post(
                "/api/v1/webhooks",
                Map.of("url", ENDPOINT.url("/hooks").toString(), "events", List.of("token.joined"))));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        endpoint = JSON.readTree(registered.body()).get("id").asLong();
    }

    @AfterEach
    void clean() {
        // Its rows go with it.
        admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/webhooks/" + endpoint))
                .DELETE());
        OutboxRows.deleteReminders(jdbc);
        ENDPOINT_REQUESTS.set(0);
    }

    @Test
    void aPatientsMessageIsClaimedBeforeWebhooksThatFellDueEarlier() {
        List<Long> webhooks = joinThree();
        CLOCK.advance(Duration.ofSeconds(1));
        long sms = OutboxRows.reminder(jdbc, "claim-test:first", NotifyChannel.SMS, CLOCK.instant());
        Instant now = CLOCK.instant();

        assertThat(claimedIds(outbox.claim(now, now.plusSeconds(60), 2, SMS))).containsExactly(sms, webhooks.get(0));
        assertThat(claimedIds(outbox.claim(now, now.plusSeconds(60), 20, SMS)))
                .containsExactly(webhooks.get(1), webhooks.get(2));
    }

    @Test
    void aHangingEndpointGetsOneAttemptARoundAndItsOtherEventsGoBackUntried() {
        List<Long> webhooks = joinThree();
        long sms = OutboxRows.reminder(jdbc, "claim-test:share", NotifyChannel.SMS, CLOCK.instant());

        assertThat(dispatcher.dispatch()).isEqualTo(1);

        assertThat(OutboxRows.row(jdbc, sms)).containsEntry("status", "SENT");
        assertThat(ENDPOINT_REQUESTS).hasValue(1);
        assertThat(OutboxRows.row(jdbc, webhooks.get(0)))
                .containsEntry("status", "PENDING")
                .containsEntry("attempts", 1);
        assertThat(webhooks.subList(1, 3))
                .allSatisfy(id -> assertThat(OutboxRows.row(jdbc, id))
                        .containsEntry("status", "PENDING")
                        .containsEntry("attempts", 0)
                        .containsEntry("lease_until", null)
                        .containsEntry("last_error", null));
    }

    /** This instance sends SMS only: an email stays for an instance with an SMTP server, untried. */
    @Test
    void anInstanceLeavesTheChannelsItCannotSendToOthers() {
        long email = OutboxRows.reminder(jdbc, "claim-test:email", NotifyChannel.EMAIL, CLOCK.instant());
        long sms = OutboxRows.reminder(jdbc, "claim-test:sms", NotifyChannel.SMS, CLOCK.instant());

        assertThat(dispatcher.dispatch()).isEqualTo(1);

        assertThat(OutboxRows.row(jdbc, sms)).containsEntry("status", "SENT");
        assertThat(OutboxRows.row(jdbc, email))
                .containsEntry("status", "PENDING")
                .containsEntry("attempts", 0)
                .containsEntry("lease_until", null)
                .containsEntry("last_error", null);
    }

    /** Three patients join: three token.joined events for the endpoint, in order; their rows' ids. */
    private List<Long> joinThree() {
        Department department = new Hospital(context).department();
        PatientRequests patients = new PatientRequests(port, accounts);
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> joined =
                    patients.join(department, Map.of("patientName", "Claim " + i, "phone", "+91980000010" + i));
            assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        }
        List<Long> rows = OutboxRows.ofEndpoint(jdbc, endpoint);
        assertThat(rows).hasSize(3);
        return rows;
    }

    private static List<Long> claimedIds(List<OutboxRepository.Claimed> claimed) {
        return claimed.stream().map(c -> c.message().id()).toList();
    }
}
