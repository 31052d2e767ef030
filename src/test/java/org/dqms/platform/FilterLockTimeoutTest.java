package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A lock timeout in a filter, before any controller and its exception handlers: the rate limits'
 * counter of sign-ins waits past {@code dqms_app}'s {@code lock_timeout} (5 s) for a lock that
 * another transaction holds on the counters' table. The answer is the one a controller's lock
 * timeout gets (ADR 26): 503 with {@code Retry-After}, as Problem Details or as the busy page.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class FilterLockTimeoutTest {

    // Conflicts with the ROW EXCLUSIVE lock of the counter's upsert, and with nothing a read takes.
    private static final String LOCK_COUNTERS = "LOCK TABLE dqms.rate_limit IN SHARE MODE";

    @LocalServerPort
    int port;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anApiSignInThatWaitsPastTheLockTimeoutIsToldToTryAgain(CapturedOutput output) throws Exception {
        HttpResponse<String> answer;
        try (HeldTransactions counters = new HeldTransactions(transactions)) {
            counters.hold(() -> jdbc.sql(LOCK_COUNTERS).update());

            answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/sign-in"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"email\": \"nobody@example.org\", \"password\": \"not-checked\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        }

        BusyAnswers.assertToldToTryAgain(answer);
        assertThat(answer.body()).doesNotContainIgnoringCase("lock").doesNotContain("SQL");
        BusyAnswers.assertLockTimeoutLoggedOnce(output);
    }

    @Test
    void aSignInFormThatWaitsPastTheLockTimeoutGetsTheBusyPage(CapturedOutput output) throws Exception {
        PageSession visitor = PageSession.anonymous(port);
        visitor.get("/sign-in");
        HttpResponse<String> answer;
        try (HeldTransactions counters = new HeldTransactions(transactions)) {
            counters.hold(() -> jdbc.sql(LOCK_COUNTERS).update());

            answer = visitor.post("/sign-in", Map.of("email", "nobody@example.org", "password", "not-checked"));
        }

        BusyAnswers.assertBusyPage(answer);
        BusyAnswers.assertLockTimeoutLoggedOnce(output);
    }
}
