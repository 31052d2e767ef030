package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
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
 * An endpoint whose address the HTTP client refuses to send to (a host name with an underscore, as
 * internal names often have) beside one that works: its events are retried and end FAILED after the
 * last attempt, and the other endpoint's events go out meanwhile, not after a lease runs out.
 */
@IntegrationTest
class UnsendableWebhookTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MockWebServer SERVER = new MockWebServer();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        SERVER.start(0);
        registry.add("DQMS_NOTIFY_POLL_INTERVAL", () -> "50ms");
        registry.add("DQMS_NOTIFY_RETRY_BASE", () -> "100ms");
        registry.add("DQMS_NOTIFY_MAX_ATTEMPTS", () -> "3");
    }

    @AfterAll
    static void stop() throws IOException {
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
    void aMessageNoSenderCanTakeFailsAndHoldsUpNothing() throws Exception {
        SERVER.enqueue(new MockResponse.Builder().code(204).build());
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        long unsendable = register(admin, "https://his_gateway.hospital.local/hooks");
        register(admin, SERVER.url("/hooks").toString());

        Department department = new Hospital(context).department();
        ApiClient patient = ApiClient.anonymous(port);
        HttpResponse<String> joined = patient.send(patient.post(
                "/api/v1/departments/" + department.id() + "/tokens",
                Map.of("patientName", "Hook Patient", "phone", "+919876900071")));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);

        assertThat(SERVER.takeRequest(10, java.util.concurrent.TimeUnit.SECONDS))
                .as("the working endpoint's event")
                .isNotNull();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Map<String, Object> row = row(unsendable);
        while (!"FAILED".equals(row.get("status")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            row = row(unsendable);
        }
        assertThat(row)
                .containsEntry("status", "FAILED")
                .containsEntry("attempts", 3)
                .containsEntry("last_error", "unexpected java.lang.IllegalArgumentException");
    }

    private static long register(ApiClient admin, String url) throws Exception {
        HttpResponse<String> registered =
                admin.send(admin.post("/api/v1/webhooks", Map.of("url", url, "events", List.of("token.joined"))));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return JSON.readTree(registered.body()).get("id").asLong();
    }

    private Map<String, Object> row(long endpoint) {
        return jdbc.sql("SELECT status, attempts, last_error FROM dqms.notification_outbox WHERE endpoint_id = :id")
                .param("id", endpoint)
                .query()
                .singleRow();
    }
}
