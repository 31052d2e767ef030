package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A log line or an exception message that includes the settings shows {@code ***} for each secret. */
class NotificationSettingsRedactionTest {

    private static final String PROVIDER_SECRET = "provider-secret-0123456789abcdef0123";
    private static final String SMTP_PASSWORD = "smtp-password-Harbour-93";
    private static final String URL_PASSWORD = "url-password-Lantern-17";
    private static final String URL_TOKEN = "url-token-7f3a9c";

    private static final NotificationSettings.Smtp SMTP =
            new NotificationSettings.Smtp("smtp.hospital.example", 587, "queue", SMTP_PASSWORD, "", "starttls");

    private static final NotificationSettings SETTINGS = new NotificationSettings(
            3,
            Duration.ofMillis(500),
            6,
            Duration.ofSeconds(2),
            Duration.ofSeconds(60),
            Duration.ofSeconds(20),
            Duration.ofDays(30),
            "webhook",
            "https://dqms:" + URL_PASSWORD + "@sms.hospital.example/hooks/" + URL_TOKEN,
            "",
            PROVIDER_SECRET,
            "",
            "+15550100",
            "",
            "queue@hospital.example",
            SMTP);

    @Test
    void theSettingsShowNoSecret() {
        assertThat(SETTINGS.toString())
                .doesNotContain(PROVIDER_SECRET, SMTP_PASSWORD, URL_PASSWORD, URL_TOKEN)
                .contains("providerSecret=***", "providerUrl=***", "password=***")
                .contains("smsProvider=webhook", "host=smtp.hospital.example", "mailFrom=queue@hospital.example");
    }

    @Test
    void theSmtpServerShowsNoPassword() {
        assertThat(SMTP.toString()).doesNotContain(SMTP_PASSWORD).contains("password=***", "username=queue");
    }

    @Test
    void anUnsetSecretShowsAsUnset() {
        NotificationSettings.Smtp none =
                new NotificationSettings.Smtp("", 587, "", "", "/run/secrets/smtp", "starttls");

        assertThat(none.toString()).contains("password=,", "passwordFile=/run/secrets/smtp");
    }
}
