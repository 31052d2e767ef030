package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.dqms.testing.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Notification settings dqms cannot work with stop the start with one line naming the variable. */
@ExtendWith(OutputCaptureExtension.class)
class NotificationSettingsTest {

    @Test
    void aLeaseShorterThanTwoAttemptsIsRefused(CapturedOutput output) {
        assertThat(refusal(Map.of("DQMS_NOTIFY_LEASE", "30s", "DQMS_NOTIFY_ATTEMPT_TIMEOUT", "20s"), output))
                .containsExactly("dqms cannot start: DQMS_NOTIFY_LEASE (dqms.notifications.lease): must be at"
                        + " least twice DQMS_NOTIFY_ATTEMPT_TIMEOUT, so that an attempt always ends within its"
                        + " lease");
    }

    @Test
    void aRetentionShorterThanADayIsRefused(CapturedOutput output) {
        assertThat(refusal(Map.of("DQMS_NOTIFY_RETENTION", "12h"), output))
                .containsExactly(
                        "dqms cannot start: DQMS_NOTIFY_RETENTION (dqms.notifications.retention): must be at least 1d");
    }

    @Test
    void aMalformedProviderUrlIsRefusedWithoutShowingIt(CapturedOutput output) {
        Map<String, String> gateway = Map.of(
                "DQMS_SMS_PROVIDER", "webhook",
                "DQMS_SMS_PROVIDER_URL", "https://gateway:s3cr3t-token@sms gateway.example/send",
                "DQMS_SMS_PROVIDER_SECRET", "a-webhook-secret-of-at-least-32-characters");

        assertThat(refusal(gateway, output))
                .containsExactly("dqms cannot start: DQMS_SMS_PROVIDER_URL (dqms.notifications.provider-url): must be"
                        + " an http or https URL with a host");
        assertThat(output.getAll()).doesNotContain("s3cr3t-token");
    }

    @Test
    void aProviderAccountThatCannotBeInAUrlIsRefused(CapturedOutput output) {
        Map<String, String> twilio = Map.of(
                "DQMS_SMS_PROVIDER", "twilio",
                "DQMS_SMS_PROVIDER_URL", "https://api.twilio.example",
                "DQMS_SMS_PROVIDER_ACCOUNT", "AC 42",
                "DQMS_SMS_PROVIDER_SECRET", "token",
                "DQMS_SMS_FROM", "+15550001111");

        assertThat(refusal(twilio, output))
                .containsExactly("dqms cannot start: DQMS_SMS_PROVIDER_ACCOUNT"
                        + " (dqms.notifications.provider-account): must be letters, digits, '-' or '_'");
    }

    /** The lines that say why dqms did not start with these variables. */
    private static List<String> refusal(Map<String, String> variables, CapturedOutput output) {
        assertThatThrownBy(() -> RunningApp.start(variables).close()).isInstanceOf(RuntimeException.class);
        return output.getAll()
                .lines()
                .filter(line -> line.contains("dqms cannot start: "))
                .map(line -> line.substring(line.indexOf("dqms cannot start: ")))
                .toList();
    }
}
