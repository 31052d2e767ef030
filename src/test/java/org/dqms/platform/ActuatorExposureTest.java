package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.dqms.accounts.AccountService;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Health, probes and metrics are public; nothing else is, and no endpoint shows a credential even
 * when an operator exposes the configuration endpoints.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "management.endpoints.web.exposure.include=health,info,prometheus,env,configprops",
            "dqms.notifications.provider-secret=" + ActuatorExposureTest.PROVIDER_SECRET,
            "dqms.notifications.smtp.password=" + ActuatorExposureTest.SMTP_PASSWORD
        })
class ActuatorExposureTest {

    static final String PROVIDER_SECRET = "actuator-provider-secret-Harbour-93";
    static final String SMTP_PASSWORD = "actuator-smtp-password-Lantern-17";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    Deployment deployment;

    /** As an administrator, who alone may see what an operator exposes beyond the probes. */
    private HttpResponse<String> get(String path) throws Exception {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        return admin.send(HttpRequest.newBuilder(admin.uri(path)));
    }

    @Test
    void probesAreUp() throws Exception {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"database\"").contains("\"migrations\"");
    }

    @Test
    void prometheusShowsThePoolMetrics() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("hikaricp_connections_active{pool=\"dqms-pooled\"")
                .contains("hikaricp_connections_max{pool=\"dqms-pooled\"");
    }

    @Test
    void noEndpointShowsAnEmbeddedPassword() throws Exception {
        Path credentials = deployment.dataDir().resolve("postgres").resolve("dqms-credentials.properties");
        Properties passwords = new Properties();
        try (var reader = Files.newBufferedReader(credentials)) {
            passwords.load(reader);
        }
        assertThat(passwords).isNotEmpty();

        for (String path : new String[] {
            "/actuator/health", "/actuator/env", "/actuator/configprops", "/actuator/prometheus", "/actuator/info"
        }) {
            String body = get(path).body();
            for (Object password : passwords.values()) {
                assertThat(body).as(path).doesNotContain(password.toString());
            }
        }
    }

    @Test
    void noEndpointShowsANotificationSecret() throws Exception {
        for (String path : new String[] {"/actuator/env", "/actuator/configprops"}) {
            assertThat(get(path).body()).as(path).doesNotContain(PROVIDER_SECRET, SMTP_PASSWORD);
        }
    }

    @Test
    void configurationEndpointsShowNoValues() throws Exception {
        assertThat(get("/actuator/env/DQMS_DATA_DIR").body()).doesNotContain("test-data");
        assertThat(get("/actuator/configprops").body())
                .contains("dqms.database")
                .doesNotContain("postgresql://");
    }

    @Test
    void otherEndpointsAreNotExposed() throws Exception {
        assertThat(get("/actuator/heapdump").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/loggers").statusCode()).isEqualTo(404);
    }
}
