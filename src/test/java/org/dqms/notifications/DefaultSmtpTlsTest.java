package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.dqms.queue.NotifyChannel;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * dqms as configured by default, pointed at an SMTP server that offers no STARTTLS (GreenMail): an
 * email is not sent in clear text, it fails, and the server receives nothing.
 */
@IntegrationTest
class DefaultSmtpTlsTest {

    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        TestSmtp.startWithDefaultTls(SMTP, registry);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    Senders senders;

    @Test
    void anEmailToAServerWithoutStarttlsFailsInsteadOfGoingOutInClearText() {
        Sender email = senders.of(NotifyChannel.EMAIL).orElseThrow();
        Message message =
                new Message(1, "called:1:1:EMAIL", NotifyChannel.EMAIL, "patient@clear.example", "Called", "Room 4");

        assertThatThrownBy(() -> email.send(message))
                .isInstanceOf(Sender.SendFailure.class)
                .hasRootCauseMessage("STARTTLS is required but host does not support STARTTLS");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }
}
