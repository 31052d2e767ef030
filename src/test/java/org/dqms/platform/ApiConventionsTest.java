package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dqms.accounts.AccountService;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What every API endpoint shares: OpenAPI, Problem Details, one page format. */
@IntegrationTest
class ApiConventionsTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    /** As an administrator, who alone may see what an operator exposes beyond the probes. */
    private HttpResponse<String> get(String path) throws Exception {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        return admin.send(HttpRequest.newBuilder(admin.uri(path)));
    }

    @Test
    void openApiDescribesTheQueueEndpoints() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body())
                .contains("/api/v1/departments/{departmentId}/tokens")
                .contains("/api/v1/doctors/{doctorId}/call-next")
                .contains("/api/v1/tokens/{id}/position")
                .contains("/api/v1/tokens/{id}/history");
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void listsShareOnePageFormat() throws Exception {
        for (String path : new String[] {"/api/v1/departments", "/api/v1/doctors", "/api/v1/tokens"}) {
            assertThat(get(path + "?page=0&size=2").body())
                    .as(path)
                    .contains("\"content\":")
                    .contains("\"page\":0")
                    .contains("\"size\":2")
                    .contains("\"totalElements\":")
                    .contains("\"totalPages\":");
        }
    }

    @Test
    void aBadPageSizeListsTheParameter() throws Exception {
        HttpResponse<String> response = get("/api/v1/departments?size=0");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"field\":\"size\"");
    }

    @Test
    void anUnknownIdIsNotFoundNeverAServerError() throws Exception {
        for (String path : new String[] {
            "/api/v1/departments/987654",
            "/api/v1/doctors/987654",
            "/api/v1/tokens/987654",
            "/api/v1/tokens/987654/position"
        }) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("\"status\":404").doesNotContain("Exception");
        }
    }

    @Test
    void theApiReadsAndWritesJsonOnly() throws Exception {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        HttpResponse<String> yamlWanted = admin.send(
                HttpRequest.newBuilder(admin.uri("/api/v1/departments")).header("Accept", "application/yaml"));
        HttpResponse<String> yamlSent = admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/departments"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString("name: Radiology\n")));

        assertThat(yamlWanted.statusCode()).isEqualTo(406);
        assertThat(yamlWanted.body()).doesNotContain("name:");
        assertThat(yamlSent.statusCode()).isEqualTo(415);
        assertThat(get("/api/v1/departments").headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }
}
