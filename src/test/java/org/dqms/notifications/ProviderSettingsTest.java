package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.dqms.platform.Deployment;
import org.dqms.platform.InvalidSettingException;
import org.dqms.queue.NotifyChannel;
import org.dqms.testing.RunningApp;
import org.junit.jupiter.api.Test;

/** A provider that is named but not fully set stops dqms at start, naming the missing variable. */
class ProviderSettingsTest {

    private static final Deployment PRODUCTION = new Deployment(true, false, Path.of("."));
    private static final Deployment DEVELOPMENT = new Deployment(false, false, Path.of("."));

    private static NotificationSettings settings(
            String provider, String url, String account, String secret, String from) {
        return new NotificationSettings(
                3,
                Duration.ofMillis(500),
                6,
                Duration.ofSeconds(2),
                Duration.ofSeconds(60),
                Duration.ofSeconds(20),
                Duration.ofDays(30),
                provider,
                url,
                account,
                secret,
                "",
                from,
                "",
                "",
                new NotificationSettings.Smtp("", 587, "", "", "", "starttls"));
    }

    @Test
    void twilioWithoutItsUrlIsRefusedAtStartWithOneLine() {
        assertThatThrownBy(() ->
                        RunningApp.start(Map.of("DQMS_SMS_PROVIDER", "twilio")).close())
                .hasStackTraceContaining("DQMS_SMS_PROVIDER_URL: required with DQMS_SMS_PROVIDER=twilio");
    }

    @Test
    void productionRefusesAProviderOverPlainHttp() {
        assertThatThrownBy(() -> Senders.from(
                        settings("webhook", "http://sms.example/send", "", "s".repeat(40), ""),
                        PRODUCTION,
                        Clock.systemUTC()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("DQMS_SMS_PROVIDER_URL: production needs https");
    }

    @Test
    void aShortWebhookSecretAndAMissingTwilioSenderAreRefused() {
        assertThatThrownBy(() -> Senders.from(
                        settings("webhook", "https://sms.example/send", "", "short", ""),
                        PRODUCTION,
                        Clock.systemUTC()))
                .hasMessage("DQMS_SMS_PROVIDER_SECRET: a webhook secret needs at least 32 characters");
        assertThatThrownBy(() -> Senders.from(
                        settings("twilio", "https://api.example", "AC123", "token", ""), PRODUCTION, Clock.systemUTC()))
                .hasMessage("DQMS_SMS_FROM: required with DQMS_SMS_PROVIDER=twilio");
    }

    @Test
    void noProviderOffersNoChannelAndAWebhookOffersSmsAndWhatsApp() {
        Senders none = Senders.from(settings("none", "", "", "", ""), DEVELOPMENT, Clock.systemUTC());
        assertThat(none.withSender()).isEmpty();
        Senders webhook = Senders.from(
                settings("webhook", "http://127.0.0.1:9/sms", "", "s".repeat(40), ""), DEVELOPMENT, Clock.systemUTC());
        assertThat(webhook.withSender()).containsExactly(NotifyChannel.SMS, NotifyChannel.WHATSAPP);
    }

    @Test
    void twilioWithoutAWhatsAppNumberOffersSmsOnly() {
        Senders twilio = Senders.from(
                settings("twilio", "https://api.example", "AC123", "token", "+15550001111"),
                PRODUCTION,
                Clock.systemUTC());
        assertThat(twilio.withSender()).containsExactly(NotifyChannel.SMS);
    }
}
