package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dqms.accounts.AccountService;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sign-in form signs in only when it carries the token its page rendered: another site cannot
 * post its own credentials from a visitor's browser and sign the visitor in to its account.
 */
@IntegrationTest
class SignInFormCsrfTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String REFUSED = "This sign-in form has run out or did not come from this site.";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accountService;

    @Autowired
    JdbcClient jdbc;

    private TestAccounts accounts;
    private String email;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(accountService, jdbc);
        email = accounts.patient().email();
    }

    @AfterEach
    void cleanUp() {
        accounts.cleanUp();
    }

    @Test
    void aFormPostedFromAnotherSiteSignsNobodyIn() {
        PageSession victim = PageSession.anonymous(port);

        HttpResponse<String> answer = victim.postPairs("/sign-in", "email", email, "password", TestAccounts.PASSWORD);

        assertRefused(answer);
    }

    /** The browser holds a token cookie from the sign-in page, but the other site cannot read it. */
    @Test
    void aFormWithAnotherTokenSignsNobodyIn() {
        PageSession victim = PageSession.anonymous(port);
        victim.get("/sign-in");
        assertThat(victim.cookieHeader().get("Cookie")).contains("XSRF-TOKEN=");

        HttpResponse<String> answer = victim.postPairs(
                "/sign-in", "email", email, "password", TestAccounts.PASSWORD, "_csrf", "guessed-by-another-site");

        assertRefused(answer);
    }

    @Test
    void theFormOfTheSignInPageSignsIn() {
        PageSession visitor = PageSession.anonymous(port);
        HttpResponse<String> page = visitor.get("/sign-in");
        assertThat(page.body()).contains("name=\"_csrf\"");

        HttpResponse<String> answer =
                visitor.post("/sign-in", Map.of("email", email, "password", TestAccounts.PASSWORD));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(sessionCookies(answer)).hasSize(2);
    }

    /** A refused form comes back with a token of its own, so signing in again from it works. */
    @Test
    void theRefusedFormSignsInWhenSentAgain() {
        PageSession visitor = PageSession.anonymous(port);
        HttpResponse<String> refused = visitor.postPairs("/sign-in", "email", email, "password", TestAccounts.PASSWORD);
        assertRefused(refused);
        Matcher token = CSRF_FIELD.matcher(refused.body());
        assertThat(token.find()).isTrue();

        HttpResponse<String> again = visitor.postPairs(
                "/sign-in", "email", email, "password", TestAccounts.PASSWORD, "_csrf", token.group(1));

        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(sessionCookies(again)).hasSize(2);
    }

    /** What a form on another site can send to the API's sign-in: text/plain, here with JSON in it. */
    @Test
    void theApiSignInTakesNoFormFromAnotherSite() throws Exception {
        String body =
                "{\"email\": \"%s\", \"password\": \"%s\", \"cookies\": true}".formatted(email, TestAccounts.PASSWORD);
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/sign-in"))
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(sessionCookies(answer)).isEmpty();
    }

    private void assertRefused(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(answer.body()).contains(REFUSED).contains("name=\"_csrf\"").doesNotContain(email);
        assertThat(sessionCookies(answer)).isEmpty();
    }

    private static List<String> sessionCookies(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(SessionCookies.ACCESS + "=")
                        || cookie.startsWith(SessionCookies.REFRESH + "="))
                .toList();
    }
}
