package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
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

/** POST /api/v1/departments/{departmentId}/tokens over HTTP, and each way it can be refused. */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class JoinApiTest {

    private static final String PROBLEM = "application/problem+json";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    QueueTestData data;

    @Autowired
    AccountService accounts;

    Api api;

    @BeforeEach
    void api() {
        api = new Api(ApiClient.asAdmin(port, accounts), json);
    }

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    @Test
    void aJoinAnswers201WithTheTokenAndItsLocation() {
        Department department = data.department().create();

        Response response = join(department, body("Asha Rao", "+919812345678"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode token = response.body();
        assertThat(response.headers().firstValue("Location"))
                .hasValue("http://localhost:" + port + "/api/v1/tokens/"
                        + token.get("id").asLong());
        assertThat(token.get("number").asString()).isEqualTo(department.prefix().value() + "-001");
        assertThat(token.get("departmentId").asLong()).isEqualTo(department.id());
        assertThat(token.get("status").asString()).isEqualTo("WAITING");
        assertThat(token.get("priority").asString()).isEqualTo("NORMAL");
        assertThat(token.get("channel").asString()).isEqualTo("WEB");
        assertThat(token.get("patientName").asString()).isEqualTo("Asha Rao");
        assertThat(token.get("phone").asString()).isEqualTo("+91******5678");
        assertThat(token.get("joinedAt").asString()).isEqualTo("2030-01-15T06:00:00Z");
        assertThat(token.get("serviceDate").asString()).isEqualTo("2030-01-15");
        assertThat(token.get("publicId").asString()).hasSize(36);
        assertThat(token.has("consultationNotes")).isFalse();
        assertThat(token.has("calledAt")).as("null fields are left out").isFalse();
    }

    @Test
    void channelPriorityEmailAndDoctorAreTaken() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Map<String, Object> body = body("Ravi Kumar", "+14155550123");
        body.put("email", "ravi@example.org");
        body.put("preferredDoctorId", doctor.id());
        body.put("channel", "RECEPTION");
        body.put("priority", "PRIORITY");

        Response response = join(department, body);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().get("channel").asString()).isEqualTo("RECEPTION");
        assertThat(response.body().get("priority").asString()).isEqualTo("PRIORITY");
        assertThat(response.body().get("preferredDoctorId").asLong()).isEqualTo(doctor.id());
        assertThat(response.body().has("email"))
                .as("contact details stay private")
                .isFalse();
    }

    @Test
    void theSamePhoneAgainGets200WithTheTokenItHolds() {
        Department department = data.department().create();
        long first = join(department, body("Asha Rao", "+919812340001"))
                .body()
                .get("id")
                .asLong();

        Response again = join(department, body("Asha R.", "+919812340001"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("id").asLong()).isEqualTo(first);
        assertThat(again.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGets200WithTheSameToken() {
        Department department = data.department().create();
        Response first =
                api.post(path(department), body("Asha Rao", "+919812340002"), "Idempotency-Key", "7d1f0c5e-retry");

        Response retry =
                api.post(path(department), body("Asha Rao", "+919812340002"), "Idempotency-Key", "7d1f0c5e-retry");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().get("id").asLong())
                .isEqualTo(first.body().get("id").asLong());
    }

    @Test
    void aMalformedIdempotencyKeyIs400() {
        Department department = data.department().create();

        Response response =
                api.post(path(department), body("Asha Rao", "+919812340003"), "Idempotency-Key", "two words");

        assertProblem(response, 400);
        assertThat(response.body().get("detail").asString()).contains("Idempotency-Key");
    }

    @Test
    void missingFieldsAre400AndListed() {
        Department department = data.department().create();

        Response response = api.post(path(department), "{}");

        assertProblem(response, 400);
        assertThat(fields(response)).containsExactlyInAnyOrder("patientName", "phone");
    }

    @Test
    void aPhoneNotInE164FormIs400NamingPhone() {
        Department department = data.department().create();

        Response response = join(department, body("Asha Rao", "98123 45678"));

        assertProblem(response, 400);
        assertThat(fields(response)).containsExactly("phone");
        assertThat(response.body().get("errors").get(0).get("message").asString())
                .contains("E.164");
    }

    @Test
    void aBadEmailAndATooLongNameAre400() {
        Department department = data.department().create();
        Map<String, Object> body = body("x".repeat(121), "+919812340004");
        body.put("email", "not-an-email");

        Response response = join(department, body);

        assertProblem(response, 400);
        assertThat(fields(response)).containsExactlyInAnyOrder("patientName", "email");
    }

    /** A null in the list was a NullPointerException, answered 500. */
    @Test
    void aNullNotificationChannelIs400NamingTheField() {
        Department department = data.department().create();
        Map<String, Object> body = body("Asha Rao", "+919812340008");
        body.put("notifications", java.util.Arrays.asList("SMS", null));

        Response response = join(department, body);

        assertProblem(response, 400);
        assertThat(fields(response)).singleElement().asString().startsWith("notifications");
    }

    @Test
    void anUnknownChannelIs400() {
        Department department = data.department().create();
        Map<String, Object> body = body("Asha Rao", "+919812340005");
        body.put("channel", "FAX");

        assertProblem(join(department, body), 400);
    }

    @Test
    void aBodyThatIsNotJsonIs400() {
        Department department = data.department().create();

        assertProblem(api.post(path(department), "patientName=Asha"), 400);
    }

    @Test
    void anUnknownDepartmentIs404() {
        Response response = api.post("/api/v1/departments/987654321/tokens", body("Asha Rao", "+919812340006"));

        assertProblem(response, 404);
        assertThat(response.body().get("detail").asString()).isEqualTo("Department 987654321 does not exist");
    }

    @Test
    void aDepartmentIdThatIsNotANumberIs400() {
        assertProblem(api.post("/api/v1/departments/cardiology/tokens", body("Asha Rao", "+919812340007")), 400);
    }

    @Test
    void aPreferredDoctorOfAnotherDepartmentIs400() {
        Department department = data.department().create();
        Doctor elsewhere = data.doctor(data.department().create());
        Map<String, Object> body = body("Asha Rao", "+919812340008");
        body.put("preferredDoctorId", elsewhere.id());

        Response response = join(department, body);

        assertProblem(response, 400);
        assertThat(response.body().get("detail").asString()).startsWith("preferredDoctorId:");
    }

    @Test
    void anUnknownPreferredDoctorIs400() {
        Department department = data.department().create();
        Map<String, Object> body = body("Asha Rao", "+919812340009");
        body.put("preferredDoctorId", 987_654_321L);

        Response response = join(department, body);

        assertProblem(response, 400);
        assertThat(response.body().get("detail").asString())
                .isEqualTo("preferredDoctorId: doctor 987654321 does not exist");
    }

    @Test
    void aClosedDepartmentIs409WithTheNextOpening() {
        Department department = data.department().openDaily("08:00", "11:00").create();

        Response response = join(department, body("Asha Rao", "+919812340010"));

        assertProblem(response, 409);
        assertThat(response.body().get("title").asString()).isEqualTo("Department closed");
        assertThat(response.body().get("reason").asString()).isEqualTo("closed");
        assertThat(response.body().get("opensAt").asString()).isEqualTo("2030-01-16T08:00:00+05:30");
    }

    @Test
    void aFullDepartmentIs409WithReasonFull() {
        Department department = data.department().capacity(1).create();
        join(department, body("Asha Rao", "+919812340011"));

        Response response = join(department, body("Ravi Kumar", "+919812340012"));

        assertProblem(response, 409);
        assertThat(response.body().get("title").asString()).isEqualTo("Department full");
        assertThat(response.body().get("reason").asString()).isEqualTo("full");
    }

    private Response join(Department department, Object body) {
        return api.post(path(department), body);
    }

    private static String path(Department department) {
        return "/api/v1/departments/" + department.id() + "/tokens";
    }

    private static Map<String, Object> body(String name, String phone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("patientName", name);
        body.put("phone", phone);
        return body;
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.body().has("title")).isTrue();
    }

    private static java.util.List<String> fields(Response response) {
        return response.body()
                .get("errors")
                .valueStream()
                .map(error -> error.get("field").asString())
                .distinct()
                .toList();
    }
}
