package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An integrator's endpoint on loopback that checks every signature and fails the first try of the
 * "called" event: it still sees joined, called and completed exactly once each, in that order.
 */
@IntegrationTest
class IntegratorWebhookTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MockWebServer SERVER = new MockWebServer();
    private static final Receiver RECEIVER = new Receiver();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        SERVER.setDispatcher(RECEIVER);
        SERVER.start(0);
        registry.add("DQMS_NOTIFY_POLL_INTERVAL", () -> "50ms");
        registry.add("DQMS_NOTIFY_RETRY_BASE", () -> "400ms");
    }

    @AfterAll
    static void stop() throws IOException {
        SERVER.close();
    }

    /** Accepts correctly signed events, each id once; fails the first "token.called" with 500. */
    static final class Receiver extends Dispatcher {
        final AtomicReference<String> secret = new AtomicReference<>();
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final List<String> badSignatures = new CopyOnWriteArrayList<>();
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        final AtomicBoolean failedCalled = new AtomicBoolean();
        final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            String body = request.getBody().string(StandardCharsets.UTF_8);
            String header = request.getHeaders().get(IntegratorSender.SIGNATURE);
            String timestamp = header.substring(2, header.indexOf(','));
            String expected = "t=" + timestamp + ",v1="
                    + WebhookSender.sign(secret.get().getBytes(StandardCharsets.UTF_8), timestamp + "." + body);
            if (!expected.equals(header)) {
                badSignatures.add(header);
                return new MockResponse.Builder().code(401).build();
            }
            JsonNode event = JSON.readTree(body);
            String type = event.get("type").asString();
            if (type.equals("token.called") && failedCalled.compareAndSet(false, true)) {
                return new MockResponse.Builder().code(500).build();
            }
            if (ids.add(event.get("id").asString())) {
                accepted.add(type);
            }
            return new MockResponse.Builder().code(204).build();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Test
    void eventsArriveSignedOnceEachAndInOrderPerToken() throws Exception {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        HttpResponse<String> registered = admin.send(admin.post(
                "/api/v1/webhooks",
                Map.of(
                        "url", SERVER.url("/hooks").toString(),
                        "events", List.of("token.joined", "token.called", "token.completed"))));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode endpoint = JSON.readTree(registered.body());
        RECEIVER.secret.set(endpoint.get("secret").asString());
        assertThat(admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/webhooks")))
                        .body())
                .doesNotContain(endpoint.get("secret").asString());

        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        ApiClient patient = ApiClient.anonymous(port);
        long tokenId = JSON.readTree(patient.send(patient.post(
                                "/api/v1/departments/" + department.id() + "/tokens",
                                Map.of("patientName", "Hook Patient", "phone", "+919876900001")))
                        .body())
                .get("id")
                .asLong();
        ApiClient doctorApi = ApiClient.asDoctor(port, accounts, doctor.id());
        doctorApi.send(doctorApi.post("/api/v1/doctors/" + doctor.id() + "/call-next", Map.of()));
        doctorApi.send(doctorApi.post("/api/v1/tokens/" + tokenId + "/start", Map.of()));
        doctorApi.send(doctorApi.post("/api/v1/tokens/" + tokenId + "/complete", Map.of()));

        long deadline = System.nanoTime() + 15_000_000_000L;
        while (RECEIVER.accepted.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(500);
        assertThat(RECEIVER.badSignatures).isEmpty();
        assertThat(RECEIVER.accepted).containsExactly("token.joined", "token.called", "token.completed");
        assertThat(RECEIVER.requests).hasSize(4);

        JsonNode log = JSON.readTree(admin.send(HttpRequest.newBuilder(
                        admin.uri("/api/v1/webhooks/" + endpoint.get("id").asLong() + "/deliveries")))
                .body());
        List<String> statuses = new ArrayList<>();
        log.valueStream()
                .forEach(d -> statuses.add(d.get("kind").asString() + ":"
                        + d.get("status").asString() + ":" + d.get("attempts").asInt()));
        assertThat(statuses)
                .containsExactlyInAnyOrder("token.joined:SENT:1", "token.called:SENT:2", "token.completed:SENT:1");
    }
}
