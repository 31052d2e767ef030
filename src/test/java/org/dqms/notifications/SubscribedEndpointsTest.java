package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token events find their webhook endpoints from a read at most a second old: a change made here
 * applies at once, one made elsewhere within that second, and an endpoint removed or switched off
 * elsewhere in the meantime gets nothing and fails no call.
 */
@IntegrationTest
class SubscribedEndpointsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EVENT = "token.called";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    SubscribedEndpoints subscribed;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removeEndpoints() {
        jdbc.sql("DELETE FROM dqms.webhook_endpoint WHERE url LIKE 'https://hooks.example.invalid/%'")
                .update();
        subscribed.changed();
    }

    @Test
    void anEndpointRegisteredHereIsSubscribedAtOnce() {
        subscribed.to(EVENT);

        long id = register();

        assertThat(ids(EVENT)).contains(id);
        assertThat(ids("token.joined")).doesNotContain(id);
    }

    @Test
    void anEndpointAddedElsewhereIsSubscribedWithinASecond() throws Exception {
        subscribed.to(EVENT);
        long id = jdbc.sql("""
                        INSERT INTO dqms.webhook_endpoint (url, secret, events, created_at)
                        VALUES ('https://hooks.example.invalid/elsewhere', repeat('s', 32), ARRAY['token.called'], now())
                        RETURNING id
                        """).query(Long.class).single();

        assertThat(ids(EVENT)).doesNotContain(id);
        Thread.sleep(SubscribedEndpoints.MAX_AGE_MILLIS + 100);
        assertThat(ids(EVENT)).contains(id);
    }

    @Test
    void anEndpointRemovedOrSwitchedOffElsewhereGetsNothingAndFailsNoCall() {
        // The patient and the doctor first: from the read of the endpoints to the call, less than
        // the second the list is kept.
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        ApiClient patient = ApiClient.anonymous(port);
        HttpResponse<String> joined = patient.send(patient.post(
                "/api/v1/departments/" + department.id() + "/tokens",
                Map.of("patientName", "Hook Patient", "phone", "+919876900002")));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        ApiClient doctorApi = ApiClient.asDoctor(port, accounts, doctor.id());
        long removed = register();
        long switchedOff = register();
        assertThat(ids(EVENT)).contains(removed, switchedOff);
        jdbc.sql("DELETE FROM dqms.webhook_endpoint WHERE id = :id")
                .param("id", removed)
                .update();
        jdbc.sql("UPDATE dqms.webhook_endpoint SET active = false WHERE id = :id")
                .param("id", switchedOff)
                .update();

        HttpResponse<String> called =
                doctorApi.send(doctorApi.post("/api/v1/doctors/" + doctor.id() + "/call-next", Map.of()));

        assertThat(ids(EVENT)).contains(removed, switchedOff);
        assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM dqms.notification_outbox WHERE endpoint_id = :id")
                        .param("id", switchedOff)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private List<Long> ids(String event) {
        return subscribed.to(event).stream().map(WebhookEndpoints.Endpoint::id).toList();
    }

    private long register() {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        HttpResponse<String> registered = admin.send(admin.post(
                "/api/v1/webhooks", Map.of("url", "https://hooks.example.invalid/here", "events", List.of(EVENT))));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return JSON.readTree(registered.body()).get("id").asLong();
    }
}
