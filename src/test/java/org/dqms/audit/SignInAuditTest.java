package org.dqms.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.accounts.UserAccount;
import org.dqms.audit.AuditRows.Row;
import org.dqms.platform.Actor;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Sign-ins, failed sign-ins, lockouts, sign-ups and staff accounts in the audit log. */
@IntegrationTest
class SignInAuditTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accountService;

    @Autowired
    JdbcClient jdbc;

    private AuditRows rows;
    private String clientIp;
    private RawHttp http;

    @BeforeEach
    void setUp() {
        rows = new AuditRows(jdbc, accountService);
        clientIp = rows.newClientIp();
        http = new RawHttp(port).from(clientIp);
    }

    @AfterEach
    void cleanUp() {
        rows.cleanUp();
    }

    private RawHttp.Response signIn(String email, String password) {
        return http.post("/api/v1/auth/sign-in", Map.of("email", email, "password", password));
    }

    @Test
    void aSignInIsRecordedOnceWithActorTimeAndAddress() {
        UserAccount patient = rows.patient();
        Instant before = Instant.now();

        assertThat(signIn(patient.email(), AuditRows.PASSWORD).status()).isEqualTo(200);

        List<Row> recorded = rows.byClientIp(clientIp);
        assertThat(recorded).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("SIGN_IN");
            assertThat(row.actor()).isEqualTo("patient:user-" + patient.id());
            assertThat(row.target()).isEqualTo("account:" + patient.id());
            assertThat(row.clientIp()).isEqualTo(clientIp);
            assertThat(row.at()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
            assertThat(row.details()).contains("\"role\": \"PATIENT\"").contains("p***@example.org");
        });
    }

    @Test
    void aFailedSignInIsRecordedWithTheEmailMasked() {
        UserAccount patient = rows.patient();

        assertThat(signIn(patient.email(), "Wrong-Password-For-Sure-1").status())
                .isEqualTo(401);

        assertThat(rows.byClientIp(clientIp)).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("SIGN_IN_FAILED");
            assertThat(row.actor()).isEqualTo(SignInAudit.ANONYMOUS);
            assertThat(row.target()).isEqualTo("p***@example.org");
            assertThat(row.details()).contains("REFUSED");
            assertThat(row.at()).isNotNull();
        });
    }

    @Test
    void aFailedSignInWithAnUnknownEmailIsRecordedToo() {
        String email = rows.uniqueEmail("nobody");

        assertThat(signIn(email, "Wrong-Password-For-Sure-1").status()).isEqualTo(401);

        assertThat(rows.byClientIp(clientIp))
                .extracting(Row::action, Row::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SIGN_IN_FAILED", "n***@example.org"));
    }

    @Test
    void theFailureThatLocksAnEmailIsRecordedAsALockoutAndLaterAttemptsAsLocked() {
        UserAccount patient = rows.patient();

        int lockedAt = 0;
        for (int attempt = 1; attempt <= 10 && lockedAt == 0; attempt++) {
            if (signIn(patient.email(), "Wrong-Password-For-Sure-1").status() == 429) {
                lockedAt = attempt;
            }
        }
        assertThat(signIn(patient.email(), AuditRows.PASSWORD).status()).isEqualTo(429);

        List<String> actions =
                rows.byClientIp(clientIp).stream().map(Row::action).toList();
        assertThat(lockedAt).isGreaterThan(1);
        assertThat(actions).hasSize(lockedAt + 1);
        assertThat(actions.subList(0, lockedAt - 1)).containsOnly("SIGN_IN_FAILED");
        assertThat(actions.get(lockedAt - 1)).isEqualTo("SIGN_IN_LOCKED_OUT");
        assertThat(actions.get(lockedAt)).isEqualTo("SIGN_IN_FAILED");
        assertThat(rows.byClientIp(clientIp).get(lockedAt).details()).contains("LOCKED");
    }

    @Test
    void aSignUpIsRecordedOnceAsTheNewPatientsOwnAct() {
        String email = rows.uniqueEmail("signup");

        RawHttp.Response response = http.post(
                "/api/v1/auth/sign-up",
                Map.of(
                        "name",
                        "Audit Sign Up",
                        "phone",
                        "+919812345678",
                        "email",
                        email,
                        "password",
                        AuditRows.PASSWORD));

        assertThat(response.status()).isEqualTo(201);
        long id = rows.created(accountService.find(signedInId(response.json())).orElseThrow())
                .id();
        assertThat(rows.byTarget("account:" + id)).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("SIGN_UP");
            assertThat(row.actor()).isEqualTo("patient:sign-up");
            assertThat(row.clientIp()).isEqualTo(clientIp);
        });
    }

    @Test
    void aStaffAccountCreatedByAnAdministratorIsRecordedOnce() {
        String admin = rows.actor("staff:audit-admin-" + System.nanoTime());

        UserAccount reception = rows.created(accountService.createStaff(
                new Actor(Actor.Kind.STAFF, admin.substring("staff:".length())),
                rows.uniqueEmail("doctor"),
                "Audit Admin Two",
                Role.ADMIN,
                null,
                null,
                AuditRows.PASSWORD));

        assertThat(rows.byActor(admin)).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("ACCOUNT_CREATED");
            assertThat(row.target()).isEqualTo("account:" + reception.id());
            assertThat(row.details()).contains("ADMIN");
            assertThat(row.clientIp()).isNull();
        });
    }

    @Test
    void noPasswordRefreshTokenFullEmailOrPhoneIsStored() {
        String email = rows.uniqueEmail("secret");
        String phone = "+919876501234";
        RawHttp.Response signUp = http.post(
                "/api/v1/auth/sign-up",
                Map.of("name", "Audit Secrets", "phone", phone, "email", email, "password", AuditRows.PASSWORD));
        rows.created(accountService.find(signedInId(signUp.json())).orElseThrow());
        JsonNode tokens = signIn(email, AuditRows.PASSWORD).json();
        signIn(email, "Wrong-Password-For-Sure-1");
        String refreshToken = tokens.path("refreshToken").asString();
        String accessToken = tokens.path("accessToken").asString();
        http.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));

        List<Row> recorded = rows.byClientIp(clientIp);

        assertThat(recorded).extracting(Row::action).containsExactly("SIGN_UP", "SIGN_IN", "SIGN_IN_FAILED");
        assertThat(recorded)
                .allSatisfy(row -> assertThat(row.text())
                        .doesNotContain(AuditRows.PASSWORD)
                        .doesNotContain("Wrong-Password-For-Sure-1")
                        .doesNotContain(refreshToken)
                        .doesNotContain(accessToken)
                        .doesNotContainIgnoringCase(email)
                        .doesNotContain(email.substring(0, email.indexOf('@')))
                        .doesNotContain(phone)
                        .doesNotContain("bcrypt"));
    }

    private long signedInId(JsonNode tokens) {
        String accessToken = tokens.path("accessToken").asString();
        String payload =
                new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
        return Long.parseLong(tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(payload)
                .path("sub")
                .asString());
    }
}
