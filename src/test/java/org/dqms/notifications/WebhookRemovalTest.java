package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Removing a webhook endpoint fails no patient's change: joins and calls that write the endpoint's
 * events while its removal is still uncommitted go through. Once removed, the endpoint is gone from
 * the API and the senders at once, and its delivery log is purged in batches a minute later.
 */
@IntegrationTest
class WebhookRemovalTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String URL = "https://hooks.example.invalid/removal";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    WebhookController webhooks;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RemovedEndpointsPurge purge;

    @Test
    void joinsAndCallsGoThroughWhileTheirEndpointsRemovalIsUncommitted() throws Exception {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        long endpoint = register(admin, "token.joined", "token.called");
        // A department each, so that no change waits for another's department.
        Hospital hospital = new Hospital(context);
        List<Department> departments = List.of(hospital.department(), hospital.department(), hospital.department());
        Doctor doctor = hospital.doctor(departments.get(0));
        ApiClient patient = ApiClient.anonymous(port);
        ApiClient doctorApi = ApiClient.asDoctor(port, accounts, doctor.id());
        assertThat(patient.send(join(patient, departments.get(0), 1)).statusCode())
                .isEqualTo(201);

        try (HeldTransactions held = new HeldTransactions(transactions)) {
            held.holdToCommit(() -> webhooks.delete(endpoint));
            List<Future<HttpResponse<String>>> changes = List.of(
                    held.submit(() -> patient.send(join(patient, departments.get(1), 2))),
                    held.submit(() -> patient.send(join(patient, departments.get(2), 3))),
                    held.submit(() ->
                            doctorApi.send(doctorApi.post("/api/v1/doctors/" + doctor.id() + "/call-next", Map.of()))));
            awaitDoneOrWaitingForLocks(changes);
            held.release();

            List<HttpResponse<String>> answers =
                    changes.stream().map(WebhookRemovalTest::done).toList();
            assertThat(answers)
                    .map(HttpResponse::statusCode)
                    .as(answers.stream().map(HttpResponse::body).toList().toString())
                    .containsExactly(201, 201, 200);
        }
        assertThat(departments.stream().map(this::tokensOf)).containsExactly(1L, 1L, 1L);
        // Each change still saw the endpoint and wrote its event for it; none is sent, all are purged.
        assertThat(rowsOf(endpoint)).isEqualTo(4);
        assertThat(listed(admin)).doesNotContain(endpoint);
        assertThat(admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/webhooks/" + endpoint + "/deliveries")))
                        .statusCode())
                .isEqualTo(404);
        assertThat(admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/webhooks/" + endpoint))
                                .DELETE())
                        .statusCode())
                .isEqualTo(404);
    }

    @AfterEach
    void removeEndpoints() {
        jdbc.sql("DELETE FROM dqms.webhook_endpoint WHERE url = :url")
                .param("url", URL)
                .update();
    }

    private static List<Long> listed(ApiClient admin) {
        return JSON.readTree(admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/webhooks")))
                        .body())
                .valueStream()
                .map(endpoint -> endpoint.get("id").asLong())
                .toList();
    }

    private long register(ApiClient admin, String... events) {
        HttpResponse<String> registered =
                admin.send(admin.post("/api/v1/webhooks", Map.of("url", URL, "events", List.of(events))));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return JSON.readTree(registered.body()).get("id").asLong();
    }

    @Test
    void aRemovedEndpointsDeliveriesArePurgedInBatchesAfterAMinuteAndNoOtherEndpointsAre() {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        long removed = register(admin, "token.joined");
        long kept = register(admin, "token.joined");
        ApiClient patient = ApiClient.anonymous(port);
        HttpResponse<String> joined = patient.send(join(patient, new Hospital(context).department(), 4));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        long token = JSON.readTree(joined.body()).get("id").asLong();
        int logged = 2 * RemovedEndpointsPurge.BATCH;
        jdbc.sql("""
                        INSERT INTO dqms.notification_outbox (idempotency_key, kind, channel, endpoint_id, token_id,
                                                              recipient, body, status, next_attempt_at, created_at)
                        SELECT 'log:' || :endpoint || ':' || n, 'token.joined', 'WEBHOOK', :endpoint, :token,
                               :url, '{}', 'SENT', now(), now()
                          FROM generate_series(1, :rows) n
                        """)
                .param("endpoint", removed)
                .param("token", token)
                .param("url", URL)
                .param("rows", logged)
                .update();
        assertThat(admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/webhooks/" + removed))
                                .DELETE())
                        .statusCode())
                .isEqualTo(204);
        Instant removedAt = jdbc.sql("SELECT removed_at FROM dqms.webhook_endpoint WHERE id = :id")
                .param("id", removed)
                .query(Timestamp.class)
                .single()
                .toInstant();

        assertThat(purge.purge(removedAt.plus(RemovedEndpointsPurge.GRACE))).isZero();
        assertThat(rowsOf(removed)).isEqualTo(logged + 1);
        assertThat(purge.purge(removedAt.plus(RemovedEndpointsPurge.GRACE).plusMillis(1)))
                .isEqualTo(logged + 1);

        assertThat(rowsOf(removed)).isZero();
        assertThat(jdbc.sql("SELECT id FROM dqms.webhook_endpoint WHERE id IN (:removed, :kept)")
                        .param("removed", removed)
                        .param("kept", kept)
                        .query(Long.class)
                        .list())
                .containsExactly(kept);
        assertThat(rowsOf(kept)).isEqualTo(1);
        assertThat(listed(admin)).contains(kept).doesNotContain(removed);
    }

    private long rowsOf(long endpoint) {
        return jdbc.sql("SELECT count(*) FROM dqms.notification_outbox WHERE endpoint_id = :id")
                .param("id", endpoint)
                .query(Long.class)
                .single();
    }

    private static HttpRequest.Builder join(ApiClient patient, Department department, int n) {
        return patient.post(
                "/api/v1/departments/" + department.id() + "/tokens",
                Map.of("patientName", "Removal Patient " + n, "phone", "+91987691000" + n));
    }

    /**
     * Until each change has answered or waits for a lock: the old removal, a delete, held the
     * endpoint's row, and every change writing a row for it waited for the delete to end.
     */
    private void awaitDoneOrWaitingForLocks(List<? extends Future<?>> changes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            long running = changes.stream().filter(change -> !change.isDone()).count();
            if (running == 0 || waitingForLocks() >= running) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private long waitingForLocks() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .query(Long.class)
                .single();
    }

    private static HttpResponse<String> done(Future<HttpResponse<String>> change) {
        try {
            return change.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the change did not answer", e);
        }
    }

    private long tokensOf(Department department) {
        return jdbc.sql("SELECT count(*) FROM dqms.token WHERE department_id = :id")
                .param("id", department.id())
                .query(Long.class)
                .single();
    }
}
