package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockWebServer;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instance is stopped while the provider is still answering, and another starts on the same
 * database: the message is sent again with the same idempotency key, and the provider delivers it
 * exactly once — not twice, and not never.
 */
class DispatchRestartTest {

    private static final String SECRET = "a-webhook-secret-of-at-least-32-characters";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static TestPostgres postgres;
    private static MockWebServer server;

    /** Slow to answer the first request: the instance is stopped while it waits. */
    private static final ProviderStandIn PROVIDER = new ProviderStandIn("Idempotency-Key", 0, 5000);

    @BeforeAll
    static void start() throws IOException {
        postgres = TestPostgres.start();
        postgres.createDatabase("dqms");
        server = new MockWebServer();
        server.setDispatcher(PROVIDER);
        server.start(0);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        postgres.close();
    }

    @Test
    void messageInFlightWhenTheInstanceStopsIsDeliveredExactlyOnce() throws Exception {
        Map<String, String> variables = Map.of(
                "DATABASE_URL",
                postgres.url("postgres", null, "dqms", "sslmode=disable"),
                "DQMS_SMS_PROVIDER",
                "webhook",
                "DQMS_SMS_PROVIDER_URL",
                server.url("/sms").toString(),
                "DQMS_SMS_PROVIDER_SECRET",
                SECRET,
                "DQMS_NOTIFY_POLL_INTERVAL",
                "50ms",
                "DQMS_NOTIFY_RETRY_BASE",
                "100ms");
        try (RunningApp first = RunningApp.start(variables)) {
            Hospital hospital = new Hospital(first.context());
            Department department = hospital.department();
            Doctor doctor = hospital.doctor(department);
            ApiClient patient = ApiClient.anonymous(first.port());
            patient.send(patient.post(
                    "/api/v1/departments/" + department.id() + "/tokens",
                    Map.of("patientName", "Ravi Iyer", "phone", "+919876700001", "notifications", List.of("SMS"))));
            ApiClient doctorApi =
                    ApiClient.asDoctor(first.port(), first.context().getBean(AccountService.class), doctor.id());
            doctorApi.send(doctorApi.post("/api/v1/doctors/" + doctor.id() + "/call-next", Map.of()));
            await(() -> PROVIDER.requests().size() == 1);
        }
        assertThat(PROVIDER.delivered()).hasSize(1);

        try (RunningApp second = RunningApp.start(variables)) {
            await(() -> PROVIDER.requests().size() >= 2 && outboxStatus().equals("SENT"));
            Thread.sleep(500);
        }
        assertThat(PROVIDER.delivered()).hasSize(1);
        assertThat(PROVIDER.requests())
                .extracting(r -> r.getHeaders().get("Idempotency-Key"))
                .hasSizeGreaterThanOrEqualTo(2)
                .containsOnly(PROVIDER.delivered().get(0).getHeaders().get("Idempotency-Key"));
    }

    private static String outboxStatus() {
        try (Connection connection = postgres.superuser("dqms").getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT coalesce(string_agg(status, ','), '') FROM dqms.notification_outbox")) {
            rows.next();
            return rows.getString(1);
        } catch (Exception e) {
            return "";
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 20 s; requests: "
                        + PROVIDER.requests().size());
            }
            Thread.sleep(20);
        }
    }
}
