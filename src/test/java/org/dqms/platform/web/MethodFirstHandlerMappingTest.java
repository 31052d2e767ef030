package org.dqms.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dqms.accounts.AccountService;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Requests reach the same handlers, and get the same answers for other methods, as with Spring's own mapping. */
@IntegrationTest
class MethodFirstHandlerMappingTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ApplicationContext context;

    ApiClient admin;

    @BeforeEach
    void admin() {
        admin = ApiClient.asAdmin(port, accounts);
    }

    @Test
    void controllersAreMappedByIt() {
        assertThat(context.getBean("requestMappingHandlerMapping")).isInstanceOf(MethodFirstHandlerMapping.class);
    }

    @Test
    void aPathWithAVariableReachesItsHandler() {
        HttpResponse<String> history = send("GET", "/api/v1/tokens/999999999/history");
        HttpResponse<String> start = send("POST", "/api/v1/tokens/999999999/start");

        assertThat(history.statusCode()).isEqualTo(404);
        assertThat(history.body()).contains("Token 999999999");
        assertThat(start.statusCode()).isEqualTo(404);
    }

    @Test
    void aPathWithAnEncodedLiteralIsMatchedDecodedAsSpringDoes() {
        HttpResponse<String> encoded = send("GET", "/api/v1/%74okens/999999999/history");

        assertThat(encoded.statusCode()).isEqualTo(404);
        assertThat(encoded.body()).contains("Token 999999999");
    }

    @Test
    void anotherMethodIs405NamingTheAllowedOnes() {
        HttpResponse<String> response = send("DELETE", "/api/v1/doctors/1/call-next");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void headAndOptionsAreAnsweredForGetMappings() {
        HttpResponse<String> head = send("HEAD", "/api/v1/departments");
        HttpResponse<String> options = send("OPTIONS", "/api/v1/departments");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow").orElseThrow()).contains("GET", "POST", "HEAD");
    }

    private HttpResponse<String> send(String method, String path) {
        return admin.send(HttpRequest.newBuilder(admin.uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }
}
