package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * A patient answers STOP through the gateway: no SMS is stored for them any more, an unsigned STOP
 * is refused, and START undoes it. Administrators see each token's deliveries and retry failures.
 */
@IntegrationTest
class OptOutTest {

    private static final String SECRET = "another-webhook-secret-of-32-characters!";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MockWebServer SERVER = new MockWebServer();
    private static final ProviderStandIn PROVIDER = new ProviderStandIn("Idempotency-Key", 0);

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) throws IOException {
        PROVIDER.serveAsGateway(SERVER, registry, SECRET);
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

    private HttpResponse<String> inbound(String body, boolean signed) {
        ApiClient gateway = ApiClient.anonymous(port);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/api/v1/notifications/inbound"))
                .header("Content-Type", "application/json")
                .header(WebhookSender.TIMESTAMP, timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signed) {
            request.header(
                    WebhookSender.SIGNATURE,
                    "v1=" + WebhookSender.sign(SECRET.getBytes(StandardCharsets.UTF_8), timestamp + "." + body));
        }
        return gateway.send(request);
    }

    private long joinAndCall(String phone) {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        ApiClient patient = ApiClient.anonymous(port);
        HttpResponse<String> joined =
                patient.send(HttpRequest.newBuilder(patient.uri("/api/v1/departments/" + department.id() + "/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                Map.of("patientName", "Opt Out", "phone", phone, "notifications", List.of("SMS"))))));
        ApiClient doctorApi = ApiClient.asDoctor(port, accounts, doctor.id());
        doctorApi.send(HttpRequest.newBuilder(doctorApi.uri("/api/v1/doctors/" + doctor.id() + "/call-next"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        return JSON.readTree(joined.body()).get("id").asLong();
    }

    private int intents(long tokenId) {
        return jdbc.sql("SELECT count(*) FROM dqms.notification_outbox WHERE token_id = :id")
                .param("id", tokenId)
                .query(Integer.class)
                .single();
    }

    @Test
    void stopIsRespectedOnlyWhenSignedAndStartUndoesIt() {
        String stop = JSON.writeValueAsString(Map.of("from", "+919876800001", "text", " stop "));
        assertThat(inbound(stop, false).statusCode()).isEqualTo(401);
        assertThat(intents(joinAndCall("+919876800001"))).isEqualTo(1);

        assertThat(inbound(stop, true).statusCode()).isEqualTo(204);
        assertThat(intents(joinAndCall("+919876800001"))).isZero();

        String start = JSON.writeValueAsString(Map.of("from", "+919876800001", "text", "START"));
        assertThat(inbound(start, true).statusCode()).isEqualTo(204);
        assertThat(intents(joinAndCall("+919876800001"))).isEqualTo(1);
    }

    @Test
    void administratorsSeeDeliveriesWithMaskedNumbersAndRetryFailures() {
        long tokenId = joinAndCall("+919876800002");
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        long deadline = System.nanoTime() + 10_000_000_000L;
        String deliveries = "";
        while (!deliveries.contains("\"SENT\"") && System.nanoTime() < deadline) {
            deliveries = admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/notifications?tokenId=" + tokenId)))
                    .body();
        }
        assertThat(deliveries).contains("\"SENT\"").contains("…0002").doesNotContain("9876800002");

        long failed = jdbc.sql(
                        "UPDATE dqms.notification_outbox SET status = 'FAILED' WHERE token_id = :id RETURNING id")
                .param("id", tokenId)
                .query(Long.class)
                .single();
        assertThat(admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/notifications/failures")))
                        .body())
                .contains("\"id\":" + failed);
        HttpResponse<String> retried =
                admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/notifications/" + failed + "/retry"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(retried.statusCode()).isEqualTo(200);
        HttpResponse<String> again =
                admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/notifications/" + failed + "/retry"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(again.statusCode()).isIn(409);
    }
}
