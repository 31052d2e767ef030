package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.department.TestDepartments;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.dqms.testing.RawHttp;
import org.dqms.testing.SignInFailureRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Text that PostgreSQL cannot store, a NUL character (U+0000) above all, is a bad request that says
 * so, wherever it comes in: never a 409 conflict, never a 500.
 */
@IntegrationTest
class InvalidDataTest {

    private static final String NUL = "\u0000";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NUL_DETAIL =
            "A text in the request contains a character that cannot be stored: U+0000 (NUL), or bytes that are"
                    + " not valid text.";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    DepartmentService departments;

    @Autowired
    JdbcClient jdbc;

    private RawHttp http;
    private final List<String> emails = new ArrayList<>();
    private Department department;

    @BeforeEach
    void setUp() {
        http = new RawHttp(port);
        department = TestDepartments.create(departments, "Invalid data");
    }

    @AfterEach
    void cleanUp() {
        for (String email : emails) {
            jdbc.sql("DELETE FROM dqms.app_user WHERE lower(email) = lower(:email)")
                    .param("email", email)
                    .update();
            SignInFailureRows.forget(jdbc, email);
        }
        jdbc.sql("DELETE FROM dqms.doctor_department WHERE department_id = :id")
                .param("id", department.id())
                .update();
        jdbc.sql("DELETE FROM dqms.doctor WHERE name LIKE 'Dr. Nul%'").update();
        departments.delete(TestDepartments.ADMIN, department.id());
    }

    private String email(String who) {
        String email = who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@hospital.example";
        emails.add(email);
        return email;
    }

    private static void assertInvalidData(int status, String contentType, String title, String detail) {
        assertThat(status).isEqualTo(400);
        assertThat(contentType).startsWith("application/problem+json");
        assertThat(title).isEqualTo("Invalid data");
        assertThat(detail).isEqualTo(NUL_DETAIL);
    }

    private static void assertInvalidData(RawHttp.Response response) {
        assertInvalidData(
                response.status(),
                response.header("Content-Type"),
                response.json().path("title").asString(),
                response.json().path("detail").asString());
    }

    @Test
    void aNulInTheSignInEmailIsABadRequest() {
        assertInvalidData(
                http.post("/api/v1/auth/sign-in", Map.of("email", "a" + NUL + "@x.org", "password", "whatever-it-is")));
    }

    @Test
    void aNulInTheNameOfASignUpIsABadRequestAndMakesNoAccount() {
        String email = email("patient");
        RawHttp.Response response = http.post(
                "/api/v1/auth/sign-up",
                Map.of(
                        "email",
                        email,
                        "name",
                        "Asha" + NUL + "Rao",
                        "phone",
                        "+919800000071",
                        "password",
                        ApiClient.PASSWORD));

        assertInvalidData(response);
        assertThat(jdbc.sql("SELECT count(*) FROM dqms.app_user WHERE lower(email) = lower(:email)")
                        .param("email", email)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aNulInTheNameOfAStaffAccountIsABadRequest() {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        Map<String, Object> body =
                Map.of("email", email("staff"), "name", "Desk" + NUL, "role", "ADMIN", "password", ApiClient.PASSWORD);

        HttpResponse<String> response = admin.send(admin.post("/api/v1/users", body));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"title\":\"Invalid data\"").contains("U+0000 (NUL)");
    }

    /** The doctors' service reads a refused insert as its department deleted meanwhile (409). */
    @Test
    void aNulInTheNameOfADoctorIsABadRequestNotADeletedDepartment() {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Dr. Nul" + NUL);
        body.put("room", "Room 9");
        body.put("specialization", "");
        body.put("consultationMinutes", 10);
        body.put("departmentIds", List.of(department.id()));

        HttpResponse<String> response = admin.send(admin.post("/api/v1/doctors", body));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"title\":\"Invalid data\"").contains("U+0000 (NUL)");
    }

    /**
     * JSON can carry half of a surrogate pair as an escape; stored, it would silently become a
     * {@code ?}. The field is named and nothing is stored.
     */
    @Test
    void anUnpairedSurrogateInJsonIsABadRequestThatNamesTheFieldAndStoresNothing() {
        ApiClient admin = ApiClient.asAdmin(port, accounts);

        HttpResponse<String> response = admin.send(rawJson(admin, "/api/v1/doctors", doctorJson("Dr. Nul \\ud800")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.path("detail").asString()).contains("not valid Unicode");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertThat(storedDoctorNames()).isEmpty();
    }

    @Test
    void aSurrogatePairInJsonIsOneCharacterAndIsStoredAsSent() {
        ApiClient admin = ApiClient.asAdmin(port, accounts);

        HttpResponse<String> response =
                admin.send(rawJson(admin, "/api/v1/doctors", doctorJson("Dr. Nul \\ud83d\\ude00")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(storedDoctorNames()).containsExactly("Dr. Nul \uD83D\uDE00");
    }

    private String doctorJson(String escapedName) {
        return "{\"name\":\"" + escapedName + "\",\"room\":\"Room 9\",\"specialization\":\"\","
                + "\"consultationMinutes\":10,\"departmentIds\":[" + department.id() + "]}";
    }

    private static HttpRequest.Builder rawJson(ApiClient client, String path, String json) {
        return HttpRequest.newBuilder(client.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private List<String> storedDoctorNames() {
        return jdbc.sql("SELECT name FROM dqms.doctor WHERE name LIKE 'Dr. Nul%'")
                .query(String.class)
                .list();
    }

    @Test
    void theSignInPageAnswersANulWithTheBadRequestPage() {
        PageSession visitor = PageSession.anonymous(port);
        visitor.get("/sign-in");

        HttpResponse<String> answer =
                visitor.post("/sign-in", Map.of("email", "a" + NUL + "@x.org", "password", "whatever-it-is"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(answer.body()).contains("<html").doesNotContain("\"status\"");
    }

    /**
     * No password is checked for an email with a NUL, so such an attempt tells nothing; nor does it
     * count as a success that would forget the failures before it.
     */
    @Test
    void aNulInTheEmailNeitherSignsInNorForgetsTheFailuresCounted() {
        String email = email("locked");
        accounts.createStaff(
                Actor.staff("test-setup"),
                email,
                "Lock Test",
                org.dqms.accounts.Role.ADMIN,
                java.util.Set.of(),
                null,
                ApiClient.PASSWORD);
        Map<String, String> wrong = Map.of("email", email, "password", "Not-The-Password-42");
        for (int attempt = 1; attempt < 5; attempt++) {
            assertThat(http.post("/api/v1/auth/sign-in", wrong).status()).isEqualTo(401);
        }

        RawHttp.Response withNul =
                http.post("/api/v1/auth/sign-in", Map.of("email", email + NUL, "password", ApiClient.PASSWORD));

        assertInvalidData(withNul);
        assertThat(withNul.body()).doesNotContain("accessToken");
        assertThat(http.post("/api/v1/auth/sign-in", wrong).status()).isEqualTo(429);
    }
}
