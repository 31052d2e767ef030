package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An integrator mirroring the queue learns of every change of a token's status: a recall, a started
 * consultation, and a token that expired when its department closed.
 */
@IntegrationTest
class WebhookLifecycleEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MockWebServer SERVER = new MockWebServer();
    private static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        SERVER.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                RECEIVED.add(JSON.readTree(request.getBody().string(StandardCharsets.UTF_8)));
                return new MockResponse.Builder().code(204).build();
            }
        });
        SERVER.start(0);
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
    ScheduledTaskHolder scheduler;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removeEndpoint() {
        jdbc.sql("DELETE FROM dqms.webhook_endpoint WHERE url = :url")
                .param("url", SERVER.url("/lifecycle").toString())
                .update();
    }

    @Test
    void anEndpointLearnsOfRecallsStartsAndTokensExpiredAtClosingTime() throws Exception {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        HttpResponse<String> registered = admin.send(admin.post(
                "/api/v1/webhooks",
                Map.of(
                        "url",
                        SERVER.url("/lifecycle").toString(),
                        "events",
                        List.of("token.recalled", "token.started", "token.expired"))));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        Hospital hospital = new Hospital(context);
        Department department = hospital.department(Hospital.zoneAwayFromMidnight());
        Doctor doctor = hospital.doctor(department);
        ApiClient patient = ApiClient.anonymous(port);
        long seen = join(patient, department, 1);
        long expiring = join(patient, department, 2);
        ApiClient doctorApi = ApiClient.asDoctor(port, accounts, doctor.id());
        assertThat(callNext(doctorApi, doctor)).isEqualTo(seen);
        assertThat(doctorApi
                        .send(doctorApi.post("/api/v1/tokens/" + seen + "/recall", Map.of()))
                        .statusCode())
                .isEqualTo(200);
        assertThat(callNext(doctorApi, doctor)).isEqualTo(seen);
        assertThat(doctorApi
                        .send(doctorApi.post("/api/v1/tokens/" + seen + "/start", Map.of()))
                        .statusCode())
                .isEqualTo(200);

        Instant closes = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        hospital.closeBetween(department, closes, closes.plus(Duration.ofMinutes(5)));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), closes).toMillis() + 100));
        closingTimeExpiry().run();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (RECEIVED.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(RECEIVED)
                .map(event -> event.get("type").asString() + " "
                        + event.get("token").get("id").asLong())
                .containsExactlyInAnyOrder(
                        "token.recalled " + seen, "token.started " + seen, "token.expired " + expiring);
        assertThat(RECEIVED)
                .filteredOn(event -> event.get("token").get("id").asLong() == seen)
                .map(event -> event.get("type").asString())
                .containsExactly("token.recalled", "token.started");
        assertThat(RECEIVED)
                .filteredOn(event -> event.get("type").asString().equals("token.started"))
                .singleElement()
                .satisfies(started -> assertThat(
                                started.get("token").get("doctorId").asLong())
                        .isEqualTo(doctor.id()));
    }

    private static long join(ApiClient patient, Department department, int n) {
        HttpResponse<String> joined = patient.send(patient.post(
                "/api/v1/departments/" + department.id() + "/tokens",
                Map.of("patientName", "Lifecycle Patient " + n, "phone", "+91987692000" + n)));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        return JSON.readTree(joined.body()).get("id").asLong();
    }

    private static long callNext(ApiClient doctorApi, Doctor doctor) {
        HttpResponse<String> called =
                doctorApi.send(doctorApi.post("/api/v1/doctors/" + doctor.id() + "/call-next", Map.of()));
        assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
        return JSON.readTree(called.body()).get("id").asLong();
    }

    /** The server's every-minute expiry of tokens left waiting at closing time, run now. */
    private Runnable closingTimeExpiry() {
        return scheduler.getScheduledTasks().stream()
                .map(ScheduledTask::getTask)
                .filter(task -> task.toString().equals("org.dqms.queue.ClosingTimeExpiry.run"))
                .findFirst()
                .orElseThrow()
                .getRunnable();
    }
}
