package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Where the sign-in page sends a browser next: a page of dqms, never another site. */
@IntegrationTest
class SignInPageTest {

    private static final String HOSTILE = "/\t/evil.example";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    private String email;

    @BeforeEach
    void setUp() {
        email = ApiClient.asAdmin(port, accounts).account().email();
    }

    private static String query(String next) {
        return "/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    /** A signed-in browser's page script follows {@code data-next} after a silent refresh. */
    @Test
    void aSignedInBrowserIsGivenNoNextThatLeavesTheSite() {
        PageSession staff = PageSession.signIn(port, email, ApiClient.PASSWORD);

        HttpResponse<String> encodedTab = staff.get("/sign-in?next=/%09/evil.example");
        HttpResponse<String> lineBreak = staff.get(query("/\r\n/evil.example"));
        HttpResponse<String> backslash = staff.get(query("/\\evil.example"));

        for (HttpResponse<String> page : java.util.List.of(encodedTab, lineBreak, backslash)) {
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains("name=\"next\" value=\"\"")
                    .doesNotContain("data-next")
                    .doesNotContain("evil.example");
        }
    }

    @Test
    void aPathOnThisSiteIsKept() {
        PageSession staff = PageSession.signIn(port, email, ApiClient.PASSWORD);

        HttpResponse<String> page = staff.get(query("/admin/departments?page=2"));

        assertThat(page.body())
                .contains("data-next=\"/admin/departments?page=2\"")
                .contains("name=\"next\" value=\"/admin/departments?page=2\"");
    }

    @Test
    void signingInWithAHostileNextGoesHome() {
        PageSession visitor = PageSession.anonymous(port);
        visitor.get(query(HOSTILE));

        HttpResponse<String> signedIn =
                visitor.post("/sign-in", Map.of("email", email, "password", ApiClient.PASSWORD, "next", HOSTILE));

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("http://localhost:" + port + "/admin");
    }

    /** A brace was expanded by the redirect: a 500 after a good password. */
    @Test
    void signingInWithABraceInNextGoesHome() {
        PageSession visitor = PageSession.anonymous(port);
        visitor.get("/sign-in");

        HttpResponse<String> signedIn =
                visitor.post("/sign-in", Map.of("email", email, "password", ApiClient.PASSWORD, "next", "/admin{x}"));

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("http://localhost:" + port + "/admin");
    }
}
