package org.dqms.testing;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real SMTP server in the test JVM (GreenMail), and the settings that send dqms' email to it. */
public final class TestSmtp {

    /** The address dqms' messages come from. */
    public static final String FROM = "queue@hospital.example";

    private TestSmtp() {}

    /**
     * Starts the server and points {@code DQMS_SMTP_*} and {@code DQMS_MAIL_FROM} at it, as at a
     * relay on the same machine: GreenMail's SMTP offers no STARTTLS, so {@code DQMS_SMTP_TLS=none}.
     */
    public static void start(GreenMail smtp, DynamicPropertyRegistry registry) {
        startWithDefaultTls(smtp, registry);
        registry.add("DQMS_SMTP_TLS", () -> "none");
    }

    /** The same, with {@code DQMS_SMTP_TLS} left at its default. */
    public static void startWithDefaultTls(GreenMail smtp, DynamicPropertyRegistry registry) {
        smtp.start();
        registry.add("DQMS_SMTP_HOST", () -> "127.0.0.1");
        registry.add("DQMS_SMTP_PORT", () -> smtp.getSmtp().getPort());
        registry.add("DQMS_MAIL_FROM", () -> FROM);
    }

    /** The first recipient of a message the server received. */
    public static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
