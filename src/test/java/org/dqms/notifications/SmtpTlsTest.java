package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.dqms.platform.Deployment;
import org.dqms.platform.InvalidSettingException;
import org.dqms.queue.NotifyChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * How {@code DQMS_SMTP_TLS} connects to the SMTP server, against GreenMail on loopback: STARTTLS,
 * required, is the default, and a server that does not offer it gets nothing; {@code tls} speaks
 * TLS from the first byte; production takes {@code none} only for a relay on this machine.
 */
class SmtpTlsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final Deployment PRODUCTION = new Deployment(true, false, Path.of("."));
    private static final Deployment DEVELOPMENT = new Deployment(false, false, Path.of("."));
    private static final Message MESSAGE =
            new Message(1, "called:1:1:EMAIL", NotifyChannel.EMAIL, "patient@tls.example", "Called", "Room 4");

    private static NotificationSettings.Smtp smtp(String host, int port, String tls) {
        return new NotificationSettings.Smtp(host, port, "", "", "", tls);
    }

    @Test
    void starttlsIsRequiredAndTheServerNameChecked() {
        var properties = SmtpMail.sender(smtp("smtp.hospital.example", 587, "starttls"), PRODUCTION)
                .getJavaMailProperties();

        assertThat(properties)
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                .doesNotContainKey("mail.smtp.ssl.enable");
    }

    @Test
    void aServerWithoutStarttlsGetsNothing() {
        withServer(ServerSetupTest.SMTP, server -> {
            JavaMailSenderImpl mail =
                    SmtpMail.sender(smtp("127.0.0.1", server.getSmtp().getPort(), "starttls"), DEVELOPMENT);

            assertThatThrownBy(() -> new EmailSender(mail, "queue@hospital.example", DEADLINE).send(MESSAGE))
                    .isInstanceOf(Sender.SendFailure.class)
                    .hasRootCauseMessage("STARTTLS is required but host does not support STARTTLS");
            assertThat(server.getReceivedMessages()).isEmpty();
        });
    }

    @Test
    void implicitTlsSendsToAnSmtpsServerAndNothingToAPlainOne() throws Exception {
        withServer(ServerSetupTest.SMTPS, server -> {
            JavaMailSenderImpl mail =
                    SmtpMail.sender(smtp("127.0.0.1", server.getSmtps().getPort(), "tls"), DEVELOPMENT);
            assertThat(mail.getJavaMailProperties()).containsEntry("mail.smtp.ssl.enable", "true");
            // GreenMail's own certificate names no host: trust exactly it, and leave the name unchecked here.
            mail.getJavaMailProperties().put("mail.smtp.ssl.socketFactory", trustingGreenMail());
            mail.getJavaMailProperties().setProperty("mail.smtp.ssl.checkserveridentity", "false");

            sendQuietly(mail);
            assertThat(server.getReceivedMessages()).hasSize(1);
        });
        withServer(ServerSetupTest.SMTP, server -> {
            JavaMailSenderImpl mail =
                    SmtpMail.sender(smtp("127.0.0.1", server.getSmtp().getPort(), "tls"), DEVELOPMENT);

            assertThatThrownBy(() -> new EmailSender(mail, "queue@hospital.example", DEADLINE).send(MESSAGE))
                    .isInstanceOf(Sender.SendFailure.class);
            assertThat(server.getReceivedMessages()).isEmpty();
        });
    }

    @Test
    void productionTakesPlainSmtpOnlyForARelayOnThisMachine() {
        assertThatThrownBy(() -> SmtpMail.sender(smtp("smtp.hospital.example", 25, "none"), PRODUCTION))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("DQMS_SMTP_TLS: production sends email over TLS; none is only for a relay on this machine");
        assertThatThrownBy(() -> SmtpMail.sender(smtp("10.0.0.8", 25, "none"), PRODUCTION))
                .hasMessageStartingWith("DQMS_SMTP_TLS: ");
        for (String relay : new String[] {"localhost", "127.0.0.1", "127.0.0.53", "::1", "[::1]"}) {
            assertThat(SmtpMail.sender(smtp(relay, 25, "none"), PRODUCTION).getJavaMailProperties())
                    .as(relay)
                    .doesNotContainKeys("mail.smtp.starttls.enable", "mail.smtp.ssl.enable");
        }
        assertThat(SmtpMail.sender(smtp("smtp.hospital.example", 25, "none"), DEVELOPMENT)
                        .getHost())
                .isEqualTo("smtp.hospital.example");
    }

    @Test
    void thePasswordMayComeFromItsFileButNotFromBoth(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("smtp-password"), "s3cret-from-a-file\n");
        NotificationSettings.Smtp fromFile =
                new NotificationSettings.Smtp("smtp.hospital.example", 587, "queue", "", file.toString(), "starttls");
        NotificationSettings.Smtp both = new NotificationSettings.Smtp(
                "smtp.hospital.example", 587, "queue", "s3cret", file.toString(), "starttls");

        JavaMailSenderImpl mail = SmtpMail.sender(fromFile, PRODUCTION);

        assertThat(mail.getUsername()).isEqualTo("queue");
        assertThat(mail.getPassword()).isEqualTo("s3cret-from-a-file");
        assertThatThrownBy(() -> SmtpMail.sender(both, PRODUCTION))
                .hasMessage("DQMS_SMTP_PASSWORD: set either DQMS_SMTP_PASSWORD or DQMS_SMTP_PASSWORD_FILE, not both");
    }

    @Test
    void aFromAddressWithoutAServerIsRefused() {
        assertThatThrownBy(() -> SmtpMail.sender(smtp("", 587, "starttls"), DEVELOPMENT))
                .hasMessage("DQMS_SMTP_HOST: DQMS_MAIL_FROM is set, so email needs an SMTP server");
    }

    private static void withServer(ServerSetup setup, Consumer<GreenMail> test) {
        GreenMail server = new GreenMail(setup.dynamicPort());
        server.start();
        try {
            test.accept(server);
        } finally {
            server.stop();
        }
    }

    private static void sendQuietly(JavaMailSenderImpl mail) {
        try {
            new EmailSender(mail, "queue@hospital.example", DEADLINE).send(MESSAGE);
        } catch (Sender.SendFailure e) {
            throw new AssertionError(e);
        }
    }

    private static javax.net.ssl.SSLSocketFactory trustingGreenMail() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(((DummySSLServerSocketFactory) DummySSLServerSocketFactory.getDefault()).getKeyStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
