package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.dqms.queue.NotifyChannel;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real SMTP server (GreenMail) behind a link that holds each of its answers half a second: every
 * command is answered well within Jakarta Mail's timeouts, but the whole conversation takes about
 * four seconds. The attempt is cut off at its deadline of one second, before the server has the
 * message, and the email goes exactly once when the server is quick again.
 */
@IntegrationTest
class SlowSmtpTest {

    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static SlowRelay relay;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        SMTP.start();
        relay = new SlowRelay(SMTP.getSmtp().getPort());
        registry.add("DQMS_SMTP_HOST", () -> "127.0.0.1");
        registry.add("DQMS_SMTP_PORT", () -> relay.port());
        registry.add("DQMS_MAIL_FROM", () -> TestSmtp.FROM);
        // GreenMail's SMTP offers no STARTTLS, as TestSmtp says.
        registry.add("DQMS_SMTP_TLS", () -> "none");
        registry.add("DQMS_NOTIFY_ATTEMPT_TIMEOUT", () -> DEADLINE.toMillis() + "ms");
        registry.add("DQMS_NOTIFY_RETRY_BASE", () -> "10ms");
        // The dispatcher's own rounds stay idle; the test runs them.
        registry.add("DQMS_NOTIFY_POLL_INTERVAL", () -> "1h");
    }

    @AfterAll
    static void stop() throws IOException {
        relay.close();
        SMTP.stop();
    }

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSlowConversationIsCutOffAtTheDeadlineAndTheEmailGoesOnceLater() throws Exception {
        relay.delay(Duration.ofMillis(500));
        long id = OutboxRows.reminder(jdbc, "slow-smtp:1", NotifyChannel.EMAIL, Instant.now());

        long started = System.nanoTime();
        int sent = dispatcher.dispatch();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(row(id))
                .containsEntry("status", "PENDING")
                .containsEntry("attempts", 1)
                .containsEntry("last_error", "SMTP did not finish within 1000 ms");
        assertThat(sent).isZero();
        assertThat(took).isBetween(DEADLINE, DEADLINE.plusSeconds(3));
        // Had the conversation gone on, the server would have had the message by now.
        Thread.sleep(4000);
        assertThat(SMTP.getReceivedMessages()).isEmpty();

        relay.delay(Duration.ZERO);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (dispatcher.dispatch() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(row(id)).containsEntry("status", "SENT").containsEntry("attempts", 2);
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    private Map<String, Object> row(long id) {
        return OutboxRows.row(jdbc, id);
    }
}
