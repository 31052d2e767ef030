package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

/** The session in HttpOnly cookies for pages, and the CSRF check on what those cookies authenticate. */
@IntegrationTest
class CookieSessionTest {

    private static final String ACCESS = "dqms_access";
    private static final String REFRESH = "dqms_refresh";
    private static final String XSRF = "XSRF-TOKEN";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accountService;

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

    /** What a browser holds after a cookie sign-in. */
    private record Jar(String access, String refresh, String xsrf) {

        String cookieHeader() {
            return ACCESS + "=" + access + "; " + REFRESH + "=" + refresh + "; " + XSRF + "=" + xsrf;
        }

        static Jar from(RawHttp.Response response) {
            return new Jar(response.cookie(ACCESS), response.cookie(REFRESH), response.cookie(XSRF));
        }
    }

    private RawHttp.Response cookieSignIn(UserAccount account, String... headers) {
        return http.post(
                "/api/v1/auth/sign-in",
                Map.of("email", account.email(), "password", TestAccounts.PASSWORD, "cookies", true),
                headers);
    }

    private Jar signedIn(UserAccount account) {
        RawHttp.Response response = cookieSignIn(account);
        assertThat(response.status()).isEqualTo(200);
        return Jar.from(response);
    }

    @Test
    void cookieSignInSetsHttpOnlySameSiteCookiesAndNoTokenInTheBody() {
        UserAccount patient = accounts.patient();

        RawHttp.Response response = cookieSignIn(patient);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("accessToken").doesNotContain("refreshToken");
        assertThat(response.json().path("expiresIn").asLong()).isEqualTo(900);
        String access = response.setCookie(ACCESS);
        assertThat(access)
                .contains("HttpOnly", "SameSite=Lax", "Path=/;", "Max-Age=900")
                .doesNotContain("Secure");
        assertThat(JwtClaims.claims(response.cookie(ACCESS)).path("sub").asString())
                .isEqualTo(Long.toString(patient.id()));
        assertThat(response.setCookie(REFRESH))
                .contains("HttpOnly", "SameSite=Strict", "Path=/api/v1/auth", "Max-Age=" + 30L * 24 * 3600)
                .doesNotContain("Secure");
        assertThat(response.cookie(REFRESH)).matches("[A-Za-z0-9_-]{43}");
        // The pages' scripts read the CSRF token, so that cookie alone is not HttpOnly.
        assertThat(response.setCookie(XSRF)).contains("SameSite=Lax").doesNotContain("HttpOnly");
        assertThat(response.cookie(XSRF)).isNotBlank();
    }

    @Test
    void overHttpsTheCookiesAreSecure() {
        RawHttp.Response response = cookieSignIn(accounts.patient(), "X-Forwarded-Proto", "https");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.setCookie(ACCESS)).contains("Secure");
        assertThat(response.setCookie(REFRESH)).contains("Secure");
        assertThat(response.setCookie(XSRF)).contains("Secure");
    }

    @Test
    void theAccessCookieAloneSignsAGetIn() {
        UserAccount patient = accounts.patient();
        Jar jar = signedIn(patient);

        RawHttp.Response me = http.get("/api/v1/auth/me", "Cookie", ACCESS + "=" + jar.access());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asLong()).isEqualTo(patient.id());
        assertThat(me.cookie(XSRF)).isNotBlank();
    }

    /**
     * Only a request the access cookie authenticates needs a CSRF token: a phone following its
     * token, or a bearer-token client, gets no {@code XSRF-TOKEN} cookie (and dqms draws no token).
     */
    @Test
    void requestsWithoutTheAccessCookieGetNoCsrfCookie() {
        UserAccount patient = accounts.patient();
        String bearer = http.signIn(patient.email(), TestAccounts.PASSWORD)
                .path("accessToken")
                .asString();

        RawHttp.Response anonymous = http.get("/api/v1/departments");
        RawHttp.Response withBearer = http.get("/api/v1/auth/me", "Authorization", "Bearer " + bearer);

        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.setCookie(XSRF)).isNull();
        assertThat(withBearer.status()).isEqualTo(200);
        assertThat(withBearer.setCookie(XSRF)).isNull();
    }

    @Test
    void theAccessCookieDoesNotCountBesideAnotherAuthorizationScheme() {
        Jar jar = signedIn(accounts.patient());

        RawHttp.Response me = http.get(
                "/api/v1/auth/me", "Cookie", jar.cookieHeader(), "Authorization", "Basic dXNlcjpwYXNzd29yZA==");

        assertThat(me.status()).isEqualTo(401);
    }

    @Test
    void aCookiePostWithoutTheCsrfTokenIs403AndWithItGoesThrough() {
        Jar jar = signedIn(accounts.patient());

        RawHttp.Response missing = http.post("/api/v1/auth/sign-out", Map.of(), "Cookie", jar.cookieHeader());
        RawHttp.Response wrong = http.post(
                "/api/v1/auth/sign-out", Map.of(), "Cookie", jar.cookieHeader(), "X-XSRF-TOKEN", "not-the-token");

        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.json().path("status").asInt()).isEqualTo(403);
        assertThat(missing.json().path("title").asString()).isEqualTo("CSRF token missing or wrong");
        assertThat(wrong.status()).isEqualTo(403);

        RawHttp.Response signOut =
                http.post("/api/v1/auth/sign-out", Map.of(), "Cookie", jar.cookieHeader(), "X-XSRF-TOKEN", jar.xsrf());

        assertThat(signOut.status()).isEqualTo(204);
        assertThat(signOut.setCookie(ACCESS)).startsWith(ACCESS + "=;").contains("Max-Age=0", "Path=/;");
        assertThat(signOut.setCookie(REFRESH)).startsWith(REFRESH + "=;").contains("Max-Age=0", "Path=/api/v1/auth");
        assertThat(signOut.setCookie(XSRF))
                .startsWith(XSRF + "=;")
                .containsAnyOf("Max-Age=0", "Expires=Thu, 01 Jan 1970");
        // The session is over: its refresh token is revoked.
        assertThat(http.post("/api/v1/auth/refresh", Map.of(), "Cookie", REFRESH + "=" + jar.refresh())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aRefusedCsrfCheckLeavesTheSessionAlone() {
        Jar jar = signedIn(accounts.patient());

        http.post("/api/v1/auth/sign-out", Map.of(), "Cookie", jar.cookieHeader());

        assertThat(http.post("/api/v1/auth/refresh", Map.of(), "Cookie", REFRESH + "=" + jar.refresh())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aPageFormSignsOutWithTheTokenInCsrfField() {
        Jar jar = signedIn(accounts.patient());

        RawHttp.Response without = http.postForm("/api/v1/auth/sign-out", "", "Cookie", jar.cookieHeader());
        RawHttp.Response with =
                http.postForm("/api/v1/auth/sign-out", "_csrf=" + masked(jar.xsrf()), "Cookie", jar.cookieHeader());

        assertThat(without.status()).isEqualTo(403);
        assertThat(with.status()).isEqualTo(303);
        assertThat(with.header("Location")).isEqualTo("/");
        assertThat(http.post("/api/v1/auth/refresh", Map.of(), "Cookie", REFRESH + "=" + jar.refresh())
                        .status())
                .isEqualTo(401);
    }

    /** The token as a page renders it in a form: masked against BREACH (here with a zero mask). */
    private static String masked(String token) {
        byte[] raw = token.getBytes(StandardCharsets.UTF_8);
        byte[] combined = new byte[raw.length * 2];
        System.arraycopy(raw, 0, combined, raw.length, raw.length);
        return Base64.getUrlEncoder().encodeToString(combined);
    }

    @Test
    void theSamePostWithABearerTokenNeedsNoCsrfToken() {
        UserAccount patient = accounts.patient();
        Jar jar = signedIn(patient);
        String bearer = http.signIn(patient.email(), TestAccounts.PASSWORD)
                .path("accessToken")
                .asString();

        RawHttp.Response signOut = http.post(
                "/api/v1/auth/sign-out", Map.of(), "Cookie", jar.cookieHeader(), "Authorization", "Bearer " + bearer);

        assertThat(signOut.status()).isEqualTo(204);
        assertThat(http.post("/api/v1/auth/refresh", Map.of(), "Cookie", REFRESH + "=" + jar.refresh())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void cookieRefreshRotatesAndReuseStillEndsTheSession() {
        UserAccount patient = accounts.patient();
        Jar first = signedIn(patient);

        RawHttp.Response refreshed = http.post(
                "/api/v1/auth/refresh", Map.of(), "Cookie", first.cookieHeader(), "X-XSRF-TOKEN", first.xsrf());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body()).doesNotContain("accessToken").doesNotContain("refreshToken");
        String secondRefresh = refreshed.cookie(REFRESH);
        assertThat(secondRefresh).isNotBlank().isNotEqualTo(first.refresh());
        assertThat(refreshed.setCookie(REFRESH)).contains("HttpOnly", "SameSite=Strict", "Path=/api/v1/auth");
        assertThat(http.get("/api/v1/auth/me", "Cookie", ACCESS + "=" + refreshed.cookie(ACCESS))
                        .status())
                .isEqualTo(200);

        // The access cookie has expired by now in the browser: the refresh cookie alone, no CSRF token.
        RawHttp.Response reused =
                http.post("/api/v1/auth/refresh", Map.of(), "Cookie", REFRESH + "=" + first.refresh());

        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reused.setCookie(REFRESH)).contains("Max-Age=0");
        assertThat(http.post("/api/v1/auth/refresh", Map.of(), "Cookie", REFRESH + "=" + secondRefresh)
                        .status())
                .isEqualTo(401);
    }

    /**
     * An access cookie that no longer verifies, as after the signing key is rotated: the browser is
     * an anonymous visitor, not refused on every page. Before, the sign-in page itself sent it to
     * sign in, in a loop, and the silent refresh was refused too.
     */
    @Test
    void anAccessCookieThatNoLongerVerifiesIsPassedOver() {
        Jar jar = signedIn(accounts.patient());
        String stale = jar.access().substring(0, jar.access().length() - 4)
                + (jar.access().endsWith("AAAA") ? "BBBB" : "AAAA");
        Jar rotated = new Jar(stale, jar.refresh(), jar.xsrf());

        assertThat(http.get("/sign-in", "Cookie", rotated.cookieHeader()).status())
                .isEqualTo(200);
        RawHttp.Response admin = http.get("/admin", "Cookie", rotated.cookieHeader());
        assertThat(admin.status()).isEqualTo(302);
        assertThat(admin.header("Location")).endsWith("/sign-in?next=%2Fadmin");
        assertThat(http.get("/api/v1/auth/me", "Cookie", rotated.cookieHeader()).status())
                .isEqualTo(401);

        RawHttp.Response refreshed = http.post(
                "/api/v1/auth/refresh", Map.of(), "Cookie", rotated.cookieHeader(), "X-XSRF-TOKEN", jar.xsrf());
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/auth/me", "Cookie", ACCESS + "=" + refreshed.cookie(ACCESS))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aCookieRefreshWithoutTheCsrfTokenIs403() {
        Jar jar = signedIn(accounts.patient());

        assertThat(http.post("/api/v1/auth/refresh", Map.of(), "Cookie", jar.cookieHeader())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aBodyTokenCanAskForCookies() {
        String refreshToken = http.signIn(accounts.patient().email(), TestAccounts.PASSWORD)
                .path("refreshToken")
                .asString();

        RawHttp.Response refreshed =
                http.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken, "cookies", true));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body()).doesNotContain("refreshToken");
        assertThat(refreshed.cookie(ACCESS)).isNotBlank();
        assertThat(refreshed.cookie(REFRESH)).isNotBlank();
    }
}
