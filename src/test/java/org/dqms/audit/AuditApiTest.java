package org.dqms.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.dqms.accounts.AccountService;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/audit: administrators only, newest first, a page at a time, filtered. */
@IntegrationTest
class AuditApiTest {

    private static final Instant T0 = Instant.parse("2030-03-01T08:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    AccountService accountService;

    @Autowired
    AuditRepository repository;

    @Autowired
    JdbcClient jdbc;

    private AuditRows rows;
    private RawHttp http;
    private String actor;

    @BeforeEach
    void setUp() {
        rows = new AuditRows(jdbc, accountService);
        http = new RawHttp(port).from(rows.newClientIp());
        actor = rows.actor("staff:pager-" + System.nanoTime());
        // Five entries a minute apart, the odd ones sign-ins.
        for (int i = 0; i < 5; i++) {
            repository.insert(
                    T0.plusSeconds(60L * i),
                    actor,
                    i % 2 == 0 ? AuditAction.SIGN_IN : AuditAction.DOCTOR_UPDATED,
                    "doctor:" + i,
                    "192.0.2." + i,
                    Map.of("n", i));
        }
    }

    @AfterEach
    void cleanUp() {
        rows.cleanUp();
    }

    private String adminBearer() {
        return bearer(rows.admin().email());
    }

    private String bearer(String email) {
        return "Bearer "
                + http.post("/api/v1/auth/sign-in", Map.of("email", email, "password", AuditRows.PASSWORD))
                        .json()
                        .path("accessToken")
                        .asString();
    }

    private JsonNode page(String query) {
        RawHttp.Response response = http.get("/api/v1/audit?actor=" + actor + query, "Authorization", adminBearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> targets(JsonNode page) {
        return StreamSupport.stream(page.path("content").spliterator(), false)
                .map(entry -> entry.path("target").asString())
                .toList();
    }

    @Test
    void pagesComeNewestFirst() {
        JsonNode first = page("&size=2&page=0");
        JsonNode last = page("&size=2&page=2");

        assertThat(targets(first)).containsExactly("doctor:4", "doctor:3");
        assertThat(targets(last)).containsExactly("doctor:0");
        assertThat(first.path("totalElements").asLong()).isEqualTo(5);
        assertThat(first.path("totalPages").asLong()).isEqualTo(3);
        assertThat(first.path("size").asInt()).isEqualTo(2);
        JsonNode entry = first.path("content").get(0);
        assertThat(entry.path("actor").asString()).isEqualTo(actor);
        assertThat(entry.path("action").asString()).isEqualTo("SIGN_IN");
        assertThat(entry.path("clientIp").asString()).isEqualTo("192.0.2.4");
        assertThat(Instant.parse(entry.path("at").asString())).isEqualTo(T0.plusSeconds(240));
        assertThat(entry.path("details").path("n").asInt()).isEqualTo(4);
    }

    @Test
    void filtersByActionAndTime() {
        assertThat(targets(page("&action=SIGN_IN"))).containsExactly("doctor:4", "doctor:2", "doctor:0");
        assertThat(targets(page("&from=" + T0.plusSeconds(60) + "&to=" + T0.plusSeconds(180))))
                .containsExactly("doctor:2", "doctor:1");
        assertThat(targets(page("&action=DOCTOR_UPDATED&from=" + T0.plusSeconds(120))))
                .containsExactly("doctor:3");
        assertThat(page("&action=TOKEN_EXPIRED").path("totalElements").asLong()).isZero();
    }

    @Test
    void badParametersAre400() {
        String admin = adminBearer();

        assertThat(http.get("/api/v1/audit?action=NOT_AN_ACTION", "Authorization", admin)
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/api/v1/audit?size=1000", "Authorization", admin).status())
                .isEqualTo(400);
        assertThat(http.get("/api/v1/audit?from=yesterday", "Authorization", admin)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anonymousCallersGet401() {
        RawHttp.Response response = http.get("/api/v1/audit");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain(actor);
    }

    @Test
    void anInvalidBearerTokenGets401() {
        assertThat(http.get("/api/v1/audit", "Authorization", "Bearer not-a-token")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void accountsOtherThanAdministratorsGet403() {
        String patient = bearer(rows.patient().email());

        RawHttp.Response response = http.get("/api/v1/audit", "Authorization", patient);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain(actor);
    }
}
