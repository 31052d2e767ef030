package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.UserAccount;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class AuthApiTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accountService;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    JdbcClient jdbc;

    private RawHttp http;
    private TestAccounts accounts;

    @BeforeEach
    void setUp() {
        http = new RawHttp(port);
        accounts = new TestAccounts(accountService, jdbc);
    }

    @AfterEach
    void cleanUp() throws Exception {
        accounts.cleanUp();
    }

    private static String bearer(JsonNode tokens) {
        return "Bearer " + tokens.path("accessToken").asString();
    }

    private RawHttp.Response refresh(String refreshToken) {
        return http.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    @Test
    void signInAnswersATokenPairThatShowsTheAccount() {
        UserAccount patient = accounts.patient();

        JsonNode tokens = http.signIn(patient.email(), TestAccounts.PASSWORD);
        RawHttp.Response me = http.get("/api/v1/auth/me", "Authorization", bearer(tokens));

        assertThat(tokens.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.path("expiresIn").asLong())
                .isEqualTo(Duration.ofMinutes(15).toSeconds());
        assertThat(tokens.path("refreshToken").asString()).matches("[A-Za-z0-9_-]{43}");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asLong()).isEqualTo(patient.id());
        assertThat(me.json().path("email").asString()).isEqualTo(patient.email());
        assertThat(me.json().path("role").asString()).isEqualTo("PATIENT");
    }

    @Test
    void theAccessTokenCarriesTheAccountsClaims() {
        UserAccount patient = accounts.patient();

        String token = http.signIn(patient.email(), TestAccounts.PASSWORD)
                .path("accessToken")
                .asString();
        JsonNode claims = JwtClaims.claims(token);

        assertThat(claims.path("sub").asString()).isEqualTo(Long.toString(patient.id()));
        assertThat(claims.path("iss").asString()).isEqualTo("dqms");
        assertThat(claims.path("role").asString()).isEqualTo("PATIENT");
        assertThat(claims.path("name").asString()).isEqualTo("Test Patient");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
        assertThat(claims.has("doctorId")).isFalse();
    }

    @Test
    void anUnknownEmailAndAWrongPasswordGetTheSameAnswer() {
        UserAccount patient = accounts.patient();

        RawHttp.Response wrongPassword =
                http.post("/api/v1/auth/sign-in", Map.of("email", patient.email(), "password", "Not-The-Password-42"));
        RawHttp.Response unknownEmail = http.post(
                "/api/v1/auth/sign-in", Map.of("email", accounts.uniqueEmail(), "password", TestAccounts.PASSWORD));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknownEmail.status()).isEqualTo(401);
        for (String field : new String[] {"status", "title", "detail"}) {
            assertThat(unknownEmail.json().path(field))
                    .isEqualTo(wrongPassword.json().path(field));
        }
    }

    @Test
    void aMissingFieldIsABadRequestThatNamesIt() {
        RawHttp.Response response = http.post("/api/v1/auth/sign-in", Map.of("email", "a@example.org"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"password\"");
    }

    @Test
    void repeatedFailuresLockTheEmailWith429AndRetryAfter() {
        UserAccount patient = accounts.patient();
        Map<String, String> wrong = Map.of("email", patient.email(), "password", "Not-The-Password-42");

        RawHttp.Response last = null;
        for (int attempt = 0; attempt < 10 && (last == null || last.status() == 401); attempt++) {
            last = http.post("/api/v1/auth/sign-in", wrong);
        }
        RawHttp.Response rightPassword =
                http.post("/api/v1/auth/sign-in", Map.of("email", patient.email(), "password", TestAccounts.PASSWORD));

        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(last.header("Retry-After")))
                .isBetween(1L, Duration.ofMinutes(15).toSeconds());
        assertThat(rightPassword.status()).isEqualTo(429);
    }

    @Test
    void meWithoutATokenIs401ProblemDetails() {
        RawHttp.Response response = http.get("/api/v1/auth/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
    }

    @Test
    void anExpiredAccessTokenIs401ProblemDetails() {
        UserAccount patient = accounts.patient();
        String expired = accessTokens.issue(patient, Instant.now().minus(Duration.ofMinutes(16)));

        RawHttp.Response response = http.get("/api/v1/auth/me", "Authorization", "Bearer " + expired);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(response.json().path("title").asString()).isEqualTo("Invalid access token");
    }

    @Test
    void anInvalidTokenIsRefusedEvenWhereNoneIsNeeded() {
        UserAccount patient = accounts.patient();
        String token = http.signIn(patient.email(), TestAccounts.PASSWORD)
                .path("accessToken")
                .asString();
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThat(http.get("/api/v1/departments", "Authorization", "Bearer " + tampered)
                        .status())
                .isEqualTo(401);
        assertThat(http.get("/api/v1/departments", "Authorization", "Bearer " + token)
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/departments").status()).isEqualTo(200);
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        UserAccount patient = accounts.patient();
        JsonNode first = http.signIn(patient.email(), TestAccounts.PASSWORD);

        RawHttp.Response refreshed = refresh(first.path("refreshToken").asString());

        assertThat(refreshed.status()).isEqualTo(200);
        JsonNode second = refreshed.json();
        assertThat(second.path("refreshToken").asString())
                .isNotEqualTo(first.path("refreshToken").asString());
        assertThat(http.get("/api/v1/auth/me", "Authorization", bearer(second)).status())
                .isEqualTo(200);
        assertThat(refresh(second.path("refreshToken").asString()).status()).isEqualTo(200);
    }

    @Test
    void reusingASpentRefreshTokenEndsTheWholeSession() {
        UserAccount patient = accounts.patient();
        String first = http.signIn(patient.email(), TestAccounts.PASSWORD)
                .path("refreshToken")
                .asString();
        String second = refresh(first).json().path("refreshToken").asString();

        RawHttp.Response reused = refresh(first);

        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refresh(second).status()).isEqualTo(401);
    }

    @Test
    void anotherSessionOfTheSameAccountIsNotAffectedByReuse() {
        UserAccount patient = accounts.patient();
        String phone = http.signIn(patient.email(), TestAccounts.PASSWORD)
                .path("refreshToken")
                .asString();
        String laptop = http.signIn(patient.email(), TestAccounts.PASSWORD)
                .path("refreshToken")
                .asString();

        refresh(phone);
        refresh(phone);

        assertThat(refresh(laptop).status()).isEqualTo(200);
    }

    @Test
    void signOutEndsTheSession() {
        UserAccount patient = accounts.patient();
        String first = http.signIn(patient.email(), TestAccounts.PASSWORD)
                .path("refreshToken")
                .asString();
        String second = refresh(first).json().path("refreshToken").asString();

        RawHttp.Response signOut = http.post("/api/v1/auth/sign-out", Map.of("refreshToken", first));

        assertThat(signOut.status()).isEqualTo(204);
        assertThat(refresh(second).status()).isEqualTo(401);
        assertThat(http.post("/api/v1/auth/sign-out", Map.of("refreshToken", "unknown"))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void anUnknownRefreshTokenIs401() {
        assertThat(refresh("not-a-token").status()).isEqualTo(401);
    }

    @Test
    void aRefreshTokenOfADeletedAccountIs401() {
        UserAccount patient = accounts.patient();
        JsonNode tokens = http.signIn(patient.email(), TestAccounts.PASSWORD);

        accounts.forget(patient.id());

        assertThat(refresh(tokens.path("refreshToken").asString()).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/auth/me", "Authorization", bearer(tokens)).status())
                .isEqualTo(401);
    }

    @Test
    void signUpCreatesAPatientAndSignsItIn() {
        String email = accounts.uniqueEmail();

        RawHttp.Response response = http.post(
                "/api/v1/auth/sign-up",
                Map.of(
                        "name",
                        "Asha Rao",
                        "phone",
                        "+919812345678",
                        "email",
                        email,
                        "password",
                        TestAccounts.PASSWORD));

        assertThat(response.status()).isEqualTo(201);
        JsonNode me = http.get("/api/v1/auth/me", "Authorization", bearer(response.json()))
                .json();
        accounts.forget(me.path("id").asLong());
        assertThat(me.path("email").asString()).isEqualTo(email);
        assertThat(me.path("role").asString()).isEqualTo("PATIENT");
        assertThat(me.path("phone").asString()).isEqualTo("+919812345678");
    }

    @Test
    void signUpWithATakenEmailIs409() {
        UserAccount patient = accounts.patient();

        RawHttp.Response response = http.post(
                "/api/v1/auth/sign-up",
                Map.of(
                        "name",
                        "Someone",
                        "phone",
                        "+919812345679",
                        "email",
                        patient.email(),
                        "password",
                        TestAccounts.PASSWORD));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
