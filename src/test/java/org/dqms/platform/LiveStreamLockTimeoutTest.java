package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A lock timeout in the live streams' servlet, outside Spring MVC: a phone's stream reads its token
 * by the link before it opens, and that read waits past {@code dqms_app}'s {@code lock_timeout} (5
 * s) for the token table, which another transaction has locked. The answer is the one a
 * controller's lock timeout gets (ADR 26), not "the database cannot be reached".
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LiveStreamLockTimeoutTest {

    // The one lock that a plain SELECT waits for.
    private static final String LOCK_TOKENS = "LOCK TABLE dqms.token IN ACCESS EXCLUSIVE MODE";

    @LocalServerPort
    int port;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aStreamWhoseFirstReadWaitsPastTheLockTimeoutIsToldToTryAgain(CapturedOutput output) throws Exception {
        URI stream = URI.create("http://localhost:" + port + "/api/v1/live/tokens/" + UUID.randomUUID());
        HttpResponse<String> answer;
        try (HeldTransactions tokens = new HeldTransactions(transactions)) {
            tokens.hold(() -> jdbc.sql(LOCK_TOKENS).update());

            answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(stream)
                                    .header("Accept", "text/event-stream")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        }

        BusyAnswers.assertToldToTryAgain(answer);
        assertThat(answer.body()).doesNotContainIgnoringCase("lock").doesNotContain("SQL");
        // Scheduled sweeps may meet the lock too; only requests log this line.
        String logged = BusyAnswers.logged("CannotAcquireLockException", "55P03");
        assertThat(output.getAll().lines().filter(line -> line.contains(logged)))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("WARN"));
    }
}
