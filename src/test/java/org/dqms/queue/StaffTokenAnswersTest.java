package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.queue.QueueTestData.Api;
import org.dqms.queue.QueueTestData.Api.Response;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A token's {@code publicId} is its capability link, which follows and cancels it: staff answers
 * about tokens leave it out, the patient's own answers keep it.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class StaffTokenAnswersTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    QueueTestData data;

    @Autowired
    AccountService accounts;

    Department department;
    Doctor doctor;

    @BeforeEach
    void createQueue() {
        department = data.department().create();
        doctor = data.doctor(department);
    }

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    @Test
    void aDoctorReadsAndCallsTokensOfItsDepartmentWithoutTheirLinks() {
        Api asDoctor = new Api(ApiClient.asDoctor(port, accounts, doctor.id()), json);
        JsonNode first = joinAnonymously();
        JsonNode second = joinAnonymously();
        String firstLink = first.get("publicId").asString();
        String secondLink = second.get("publicId").asString();

        Response queue = asDoctor.get("/api/v1/departments/" + department.id() + "/queue");
        Response waiting = asDoctor.get("/api/v1/tokens/" + second.get("id").asLong());
        Response list = asDoctor.get("/api/v1/tokens?departmentId=" + department.id());
        Response called = asDoctor.post("/api/v1/doctors/" + doctor.id() + "/call-next", "");
        Response started = asDoctor.post("/api/v1/tokens/" + first.get("id").asLong() + "/start", "");

        for (Response answer : List.of(queue, waiting, list, called, started)) {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            assertThat(answer.body().toString()).doesNotContain(firstLink).doesNotContain(secondLink);
        }
        assertThat(waiting.body().has("publicId")).isFalse();
        assertThat(waiting.body().get("number").asString())
                .isEqualTo(second.get("number").asString());
        assertThat(list.body().get("content").valueStream().map(t -> t.get("id").asLong()))
                .containsExactlyInAnyOrder(
                        first.get("id").asLong(), second.get("id").asLong());
        assertThat(list.body().get("content").valueStream()).noneMatch(t -> t.has("publicId"));
        assertThat(called.body().get("id").asLong()).isEqualTo(first.get("id").asLong());
        assertThat(called.body().has("publicId")).isFalse();
        assertThat(started.body().get("status").asString()).isEqualTo("IN_CONSULTATION");
        assertThat(started.body().has("publicId")).isFalse();
    }

    @Test
    void receptionAndAdministratorsActOnTokensWithoutTheirLinks() {
        Api desk = new Api(ApiClient.asReception(port, accounts, department.id()), json);
        Api admin = new Api(ApiClient.asAdmin(port, accounts), json);
        Department cardiology = data.department().create();
        JsonNode first = joinAnonymously();
        JsonNode second = joinAnonymously();

        Response read = desk.get("/api/v1/tokens/" + first.get("id").asLong());
        Response list = admin.get("/api/v1/tokens?departmentId=" + department.id());
        Response transferred = admin.post(
                "/api/v1/tokens/" + first.get("id").asLong() + "/transfer", Map.of("departmentId", cardiology.id()));
        Response cancelled = desk.post("/api/v1/tokens/" + second.get("id").asLong() + "/cancel", "");

        assertThat(List.of(read.status(), list.status(), transferred.status(), cancelled.status()))
                .containsExactly(200, 200, 201, 200);
        assertThat(read.body().has("publicId")).isFalse();
        assertThat(list.body().get("content").valueStream()).noneMatch(t -> t.has("publicId"));
        assertThat(transferred.body().get("previousTokenId").asLong())
                .isEqualTo(first.get("id").asLong());
        assertThat(transferred.body().has("publicId")).isFalse();
        assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().has("publicId")).isFalse();
    }

    @Test
    void thePatientsOwnAnswersCarryTheLink() {
        Api patient = new Api(ApiClient.asPatient(port, accounts), json);
        Response joined = patient.post(joinPath(), joinBody());
        String link = joined.body().get("publicId").asString();
        long id = joined.body().get("id").asLong();

        Response mine = patient.get("/api/v1/me/tokens");
        Response read = patient.get("/api/v1/tokens/" + id);
        Response byLink = patient.get("/api/v1/tokens/by-link/" + link);
        Response cancelled = patient.post("/api/v1/tokens/" + id + "/cancel", "");

        assertThat(joined.status()).isEqualTo(201);
        assertThat(link).hasSize(36);
        assertThat(mine.body().get("content").get(0).get("publicId").asString()).isEqualTo(link);
        assertThat(read.body().get("publicId").asString()).isEqualTo(link);
        assertThat(byLink.body().get("token").get("publicId").asString()).isEqualTo(link);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("publicId").asString()).isEqualTo(link);
    }

    private JsonNode joinAnonymously() {
        Response joined = new Api(port, json).post(joinPath(), joinBody());
        assertThat(joined.status()).as(joined.body().toString()).isEqualTo(201);
        assertThat(joined.body().get("publicId").asString())
                .as("the join's answer")
                .hasSize(36);
        return joined.body();
    }

    private String joinPath() {
        return "/api/v1/departments/" + department.id() + "/tokens";
    }

    private Map<String, Object> joinBody() {
        JoinCommand patient = data.patient();
        Map<String, Object> body = new HashMap<>();
        body.put("patientName", patient.patientName());
        body.put("phone", patient.phone().value());
        return body;
    }
}
