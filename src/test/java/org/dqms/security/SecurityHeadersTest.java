package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.dqms.accounts.AccountService;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What every response carries with the default settings: security headers, and CORS closed. */
@IntegrationTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    private RawHttp http;

    @BeforeEach
    void setUp() {
        http = new RawHttp(port);
    }

    @Test
    void apiResponsesCarryTheSecurityHeaders() {
        for (String path : new String[] {"/api/v1/departments", "/api/v1/departments/987654", "/api/v1/auth/me"}) {
            RawHttp.Response response = http.get(path);

            assertThat(response.header("Content-Security-Policy"))
                    .as(path)
                    .isEqualTo(SecurityConfiguration.CONTENT_SECURITY_POLICY);
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(response.header("Cache-Control")).as(path).contains("no-store");
        }
    }

    @Test
    void hstsIsSentOnlyOverHttps() {
        assertThat(http.get("/api/v1/departments").header("Strict-Transport-Security"))
                .isNull();
        assertThat(http.get("/api/v1/departments", "X-Forwarded-Proto", "https").header("Strict-Transport-Security"))
                .startsWith("max-age=31536000");
    }

    @Test
    void swaggerUiMayUseInlineStylesButNotInlineScripts() {
        RawHttp.Response response = http.get("/swagger-ui/index.html");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Security-Policy"))
                .contains("style-src 'self' 'unsafe-inline'")
                .contains("script-src 'self';")
                .contains("frame-ancestors 'none'");
    }

    @Test
    void crossOriginRequestsToTheApiAreRefusedByDefault() {
        RawHttp.Response preflight = http.options(
                "/api/v1/departments",
                "Origin",
                "https://elsewhere.example.org",
                "Access-Control-Request-Method",
                "POST");
        RawHttp.Response simple = http.get("/api/v1/departments", "Origin", "https://elsewhere.example.org");

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(simple.status()).isEqualTo(403);
    }

    @Test
    void thePublicApiAndOperationsEndpointsNeedNoToken() {
        assertThat(http.get("/api/v1/departments").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/doctors").status()).isEqualTo(200);
        // Token lists are for staff since the role matrix (docs/SECURITY.md) is enforced.
        assertThat(http.get("/api/v1/tokens").status()).isEqualTo(401);
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        assertThat(admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/tokens")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        assertThat(http.get("/actuator/info").status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(http.get("/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void aPathWithoutARuleIsRefused() {
        RawHttp.Response api = http.get("/api/v2/not-an-endpoint");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");

        // A page nobody may open without signing in: the browser goes to sign-in, and back after.
        RawHttp.Response page = http.get("/not-a-page");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/sign-in?next=%2Fnot-a-page");
    }
}
