package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.dqms.testing.IntegrationTest;
import org.dqms.testing.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A deployment behind a TLS proxy that serves the patient pages from another origin. */
@IntegrationTest
@TestPropertySource(
        properties = {
            "dqms.security.cors-allowed-origins=https://queue.example.org, https://kiosk.example.org:8443",
            "dqms.security.require-https=true"
        })
class ConfiguredSecurityTest {

    private static final String[] HTTPS = {"X-Forwarded-Proto", "https"};

    @LocalServerPort
    int port;

    private RawHttp http;

    @BeforeEach
    void setUp() {
        http = new RawHttp(port);
    }

    private static String[] https(String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(HTTPS, 0, all, 0, 2);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    @Test
    void aPlainHttpRequestIsRefusedWithProblemDetails() {
        RawHttp.Response response = http.get("/api/v1/departments");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("title").asString()).isEqualTo("HTTPS required");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aRequestThatCameOverHttpsIsServedWithHsts() {
        RawHttp.Response response = http.get("/api/v1/departments", HTTPS);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Strict-Transport-Security")).contains("max-age=31536000");
    }

    @Test
    void theActuatorStaysReachableForLoadBalancersOnPlainHttp() {
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void aPreflightFromAListedOriginIsAllowed() {
        RawHttp.Response preflight = http.options(
                "/api/v1/auth/sign-in",
                https(
                        "Origin", "https://queue.example.org",
                        "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "content-type,authorization"));

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://queue.example.org");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void anOriginWithItsPortIsMatchedExactly() {
        assertThat(http.get("/api/v1/departments", https("Origin", "https://kiosk.example.org:8443"))
                        .header("Access-Control-Allow-Origin"))
                .isEqualTo("https://kiosk.example.org:8443");
        assertThat(http.get("/api/v1/departments", https("Origin", "https://kiosk.example.org"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        RawHttp.Response preflight = http.options(
                "/api/v1/auth/sign-in",
                https("Origin", "https://evil.example.org", "Access-Control-Request-Method", "POST"));

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }
}
