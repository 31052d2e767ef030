package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * An endpoint's address is checked when it is registered: one that no delivery could reach is
 * refused with 400 and a message that names the field, never stored; a scheme in capitals is
 * stored in lower case.
 */
@IntegrationTest
class WebhookRegistrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https:his.example/hooks",
                "https:///hooks",
                "https://",
                "his.example/hooks",
                "ftp://his.example/x"
            })
    void anAddressNoDeliveryCouldReachIsRefused(String url) throws Exception {
        long before = endpoints();

        HttpResponse<String> refused = register(url);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).path("detail").asString()).startsWith("url: ");
        assertThat(endpoints()).isEqualTo(before);
    }

    @Test
    void aSchemeInCapitalsIsAcceptedAndStoredInLowerCase() throws Exception {
        HttpResponse<String> registered = register("HTTPS://his.example/Hooks?key=A1");

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        long id = JSON.readTree(registered.body()).path("id").asLong();
        assertThat(jdbc.sql("SELECT url FROM dqms.webhook_endpoint WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("https://his.example/Hooks?key=A1");
        jdbc.sql("DELETE FROM dqms.webhook_endpoint WHERE id = :id")
                .param("id", id)
                .update();
    }

    private HttpResponse<String> register(String url) {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        return admin.send(admin.post("/api/v1/webhooks", Map.of("url", url, "events", List.of("token.joined"))));
    }

    private long endpoints() {
        return jdbc.sql("SELECT count(*) FROM dqms.webhook_endpoint")
                .query(Long.class)
                .single();
    }
}
