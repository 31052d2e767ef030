package org.dqms.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Errors that Spring MVC raises before any page controller is chosen reach a browser as the error
 * page, not as the API's JSON; the API keeps its Problem Details.
 */
@IntegrationTest
class ErrorPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Test
    void aPathNoPageHasIsTheNotFoundPage() {
        PageSession admin = PageSession.signIn(port, Staff.admin(accounts).email(), ApiClient.PASSWORD);

        HttpResponse<String> answer = admin.get("/admin/no-such-page");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(answer.body()).contains("This page does not exist").doesNotContain("\"status\"");
    }

    @Test
    void aFormsAddressOpenedDirectlyIsAPageThatSaysSo() {
        PageSession admin = PageSession.signIn(port, Staff.admin(accounts).email(), ApiClient.PASSWORD);

        HttpResponse<String> formOnly = admin.get("/admin/departments/1/hours");

        assertThat(formOnly.statusCode()).isEqualTo(405);
        assertThat(formOnly.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(formOnly.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        assertThat(formOnly.body()).contains("opened by a button on its page").doesNotContain("\"title\"");
    }

    @Test
    void aFormSentAfterTheSessionRanOutSignsInToTheStartPageNotToTheFormsAddress() {
        PageSession visitor = PageSession.anonymous(port);
        visitor.get("/sign-in");

        HttpResponse<String> sent = visitor.post("/doctor/call-next", Map.of());

        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/sign-in").doesNotContain("next="));
    }

    @Test
    void theApiKeepsItsProblemDetails() {
        HttpResponse<String> answer = PageSession.anonymous(port).get("/api/v1/no-such-resource");

        assertThat(answer.statusCode()).isIn(401, 404);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
}
