package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
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

/** GET /api/v1/tokens/{id}, its history, and the filtered list, over HTTP. */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class TokenApiTest {

    private static final String PROBLEM = "application/problem+json";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    QueueTestData data;

    @Autowired
    AccountService accounts;

    @Autowired
    TokenRepository tokens;

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
    void aTokenIsShownWithItsNumberAndAMaskedPhone() {
        Department department = data.department().create();
        Token token = data.join(department);

        Response response = api.get("/api/v1/tokens/" + token.id());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = response.body();
        assertThat(body.get("id").asLong()).isEqualTo(token.id());
        assertThat(body.has("publicId"))
                .as("the capability link is the patient's")
                .isFalse();
        assertThat(body.get("number").asString()).isEqualTo(token.number().display());
        assertThat(body.get("status").asString()).isEqualTo("WAITING");
        assertThat(body.get("phone").asString())
                .isEqualTo(token.patient().phone().masked())
                .doesNotContain(token.patient().phone().value().substring(3, 8));
    }

    @Test
    void aCalledTokenShowsItsDoctorReasonAndTimes() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Token token = data.join(department);
        data.clock().advance(Duration.ofMinutes(12));
        data.call(token, doctor);

        JsonNode body = api.get("/api/v1/tokens/" + token.id()).body();

        assertThat(body.get("status").asString()).isEqualTo("CALLED");
        assertThat(body.get("doctorId").asLong()).isEqualTo(doctor.id());
        assertThat(body.get("callReason").asString()).isEqualTo("ARRIVAL_ORDER");
        assertThat(body.get("calledAt").asString()).isEqualTo("2030-01-15T06:12:00Z");
    }

    /**
     * The first lookup by link reads the token from the table, the next from its department's view:
     * both answer the same, and a call shows in the very next lookup.
     */
    @Test
    void aTokenByItsLinkIsTheSameFromTheTableAndFromTheViewAndFollowsACall() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Token first = data.join(department);
        Token second = data.join(department);
        String link = "/api/v1/tokens/by-link/" + second.publicId();

        JsonNode fromTable = api.get(link).body();
        JsonNode fromView = api.get(link).body();

        assertThat(fromTable.get("token").get("number").asString())
                .isEqualTo(second.number().display());
        assertThat(fromTable.get("token").get("phone").asString())
                .isEqualTo(second.patient().phone().masked());
        assertThat(fromTable.get("position").get("position").asInt()).isEqualTo(2);
        assertThat(fromView).isEqualTo(fromTable);

        data.call(first, doctor);

        JsonNode called = api.get("/api/v1/tokens/by-link/" + first.publicId()).body();
        assertThat(called.get("token").get("status").asString()).isEqualTo("CALLED");
        assertThat(called.get("position").has("position")).isFalse();
        assertThat(api.get(link).body().get("position").get("position").asInt()).isEqualTo(1);
    }

    @Test
    void consultationNotesAreNeverShown() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Token token = data.start(data.join(department), doctor);
        Token loaded = tokens.find(token.id()).orElseThrow();
        loaded.complete(Actor.staff("doctor-" + doctor.id()), data.clock().instant(), "suspected angina, ECG");
        tokens.save(loaded);

        Response response = api.get("/api/v1/tokens/" + token.id());

        assertThat(response.body().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(response.body().has("consultationNotes")).isFalse();
        assertThat(response.body().toString()).doesNotContain("angina");
    }

    @Test
    void anUnknownTokenIs404() {
        Response response = api.get("/api/v1/tokens/987654321");

        assertProblem(response, 404);
        assertThat(response.body().get("detail").asString()).isEqualTo("Token 987654321 does not exist");
    }

    @Test
    void aTokenIdThatIsNotANumberIs400() {
        assertProblem(api.get("/api/v1/tokens/CARD-001"), 400);
    }

    @Test
    void theHistoryListsEveryTransitionInOrder() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Token token = data.join(department);
        data.clock().advance(Duration.ofMinutes(5));
        data.complete(token, doctor);

        Response response = api.get("/api/v1/tokens/" + token.id() + "/history");

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> lines = response.body().valueStream().toList();
        assertThat(lines)
                .extracting(
                        line -> line.path("from").asString(""),
                        line -> line.get("to").asString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("", "WAITING"),
                        org.assertj.core.groups.Tuple.tuple("WAITING", "CALLED"),
                        org.assertj.core.groups.Tuple.tuple("CALLED", "IN_CONSULTATION"),
                        org.assertj.core.groups.Tuple.tuple("IN_CONSULTATION", "COMPLETED"));
        JsonNode joined = lines.get(0);
        assertThat(joined.get("actor").asString()).isEqualTo("patient:test");
        assertThat(joined.get("reason").asString()).isEqualTo("joined via WEB");
        assertThat(joined.get("at").asString()).isEqualTo("2030-01-15T06:00:00Z");
        assertThat(lines.get(1).get("actor").asString()).isEqualTo("staff:doctor-" + doctor.id());
        assertThat(lines.get(1).get("at").asString()).isEqualTo("2030-01-15T06:05:00Z");
    }

    @Test
    void theHistoryOfAnUnknownTokenIs404() {
        assertProblem(api.get("/api/v1/tokens/987654321/history"), 404);
    }

    @Test
    void theListFiltersByDepartmentAndPages() {
        Department department = data.department().create();
        for (int i = 0; i < 5; i++) {
            data.join(department);
        }
        data.join(data.department().create());

        Response first = api.get("/api/v1/tokens?departmentId=" + department.id() + "&size=2");
        Response last = api.get("/api/v1/tokens?departmentId=" + department.id() + "&size=2&page=2");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("totalElements").asLong()).isEqualTo(5);
        assertThat(first.body().get("page").asInt()).isZero();
        assertThat(first.body().get("size").asInt()).isEqualTo(2);
        assertThat(numbers(first)).containsExactly(1, 2);
        assertThat(numbers(last)).containsExactly(5);
        assertThat(last.body().get("totalElements").asLong()).isEqualTo(5);
    }

    @Test
    void theListFiltersByStatusDoctorAndDate() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Token called = data.call(data.join(department), doctor);
        data.join(department);
        data.clock().advance(Duration.ofDays(1));
        Token tomorrow = data.join(department);
        String all = "/api/v1/tokens?departmentId=" + department.id();

        assertThat(ids(api.get(all + "&status=CALLED"))).containsExactly(called.id());
        assertThat(ids(api.get(all + "&doctorId=" + doctor.id()))).containsExactly(called.id());
        assertThat(ids(api.get(all + "&date=2030-01-16"))).containsExactly(tomorrow.id());
        assertThat(ids(api.get(all + "&date=2030-01-15&status=WAITING"))).hasSize(1);
        assertThat(api.get(all + "&status=EXPIRED").body().get("totalElements").asLong())
                .isZero();
    }

    @Test
    void aPageLargerThan100Is400NamingSize() {
        Response response = api.get("/api/v1/tokens?size=101");

        assertProblem(response, 400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("size");
    }

    @Test
    void aNegativePageIs400() {
        assertProblem(api.get("/api/v1/tokens?page=-1"), 400);
    }

    @Test
    void anUnknownStatusIs400() {
        assertProblem(api.get("/api/v1/tokens?status=SLEEPING"), 400);
    }

    @Test
    void aMalformedDateIs400() {
        assertProblem(api.get("/api/v1/tokens?date=15.01.2030"), 400);
    }

    private static List<Integer> numbers(Response response) {
        return response.body()
                .get("content")
                .valueStream()
                .map(item -> Integer.parseInt(item.get("number").asString().replaceAll(".*-", "")))
                .toList();
    }

    private static List<Long> ids(Response response) {
        return response.body()
                .get("content")
                .valueStream()
                .map(item -> item.get("id").asLong())
                .toList();
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.body().has("title")).isTrue();
    }
}
