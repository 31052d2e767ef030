package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "You are called" by SMS through the signed webhook, against a provider on loopback that fails
 * twice with 500 and then accepts: one delivery, three requests with one idempotency key, each
 * signed, and the outbox row SENT after three attempts.
 */
@IntegrationTest
class SmsNotificationTest {

    private static final String SECRET = "a-webhook-secret-of-at-least-32-characters";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ProviderStandIn PROVIDER = new ProviderStandIn("Idempotency-Key", 2);
    private static final MockWebServer SERVER = new MockWebServer();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) throws IOException {
        PROVIDER.serveAsGateway(SERVER, registry, SECRET);
        registry.add("DQMS_NOTIFY_RETRY_BASE", () -> "20ms");
    }

    @AfterAll
    static void stopProvider() throws IOException {
        SERVER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void calledPatientGetsExactlyOneSmsAfterTwoProviderFailures() throws Exception {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        ApiClient patient = ApiClient.anonymous(port);
        HttpResponse<String> joined = patient.send(json(
                patient,
                "/api/v1/departments/" + department.id() + "/tokens",
                Map.of("patientName", "Sunita Das", "phone", "+919876500001", "notifications", List.of("SMS"))));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        long tokenId = JSON.readTree(joined.body()).get("id").asLong();

        ApiClient doctorApi = ApiClient.asDoctor(port, accounts, doctor.id());
        assertThat(doctorApi
                        .send(json(doctorApi, "/api/v1/doctors/" + doctor.id() + "/call-next", Map.of()))
                        .statusCode())
                .isEqualTo(200);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (PROVIDER.delivered().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(500); // any further delivery would come now
        assertThat(PROVIDER.delivered()).hasSize(1);
        assertThat(PROVIDER.requests()).hasSize(3);
        assertThat(PROVIDER.requests())
                .extracting(r -> r.getHeaders().get("Idempotency-Key"))
                .containsOnly(PROVIDER.delivered().get(0).getHeaders().get("Idempotency-Key"));
        for (RecordedRequest request : PROVIDER.requests()) {
            String body = request.getBody().string(StandardCharsets.UTF_8);
            String timestamp = request.getHeaders().get(WebhookSender.TIMESTAMP);
            assertThat(request.getHeaders().get(WebhookSender.SIGNATURE))
                    .isEqualTo("v1="
                            + WebhookSender.sign(SECRET.getBytes(StandardCharsets.UTF_8), timestamp + "." + body));
        }
        JsonNode sms = JSON.readTree(PROVIDER.delivered().get(0).getBody().string(StandardCharsets.UTF_8));
        assertThat(sms.get("to").asString()).isEqualTo("+919876500001");
        assertThat(sms.get("channel").asString()).isEqualTo("SMS");
        assertThat(sms.get("text").asString()).contains("Please go to " + doctor.room());

        assertThat(jdbc.sql("SELECT status || ':' || attempts FROM dqms.notification_outbox WHERE token_id = :id")
                        .param("id", tokenId)
                        .query(String.class)
                        .single())
                .isEqualTo("SENT:3");
    }

    private static HttpRequest.Builder json(ApiClient client, String path, Map<String, ?> body) {
        return HttpRequest.newBuilder(client.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
}
