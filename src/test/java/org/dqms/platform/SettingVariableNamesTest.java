package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.dqms.testing.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A bad setting given as a real environment variable stops dqms with one line that names the
 * variable the operator set, whether Spring binds it directly or through application.yml.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingVariableNamesTest {

    @Test
    void dashedPropertyNamesTheDocumentedVariable(CapturedOutput output) {
        assertRefusal(Map.of("DQMS_LIVE_MAX_STREAMS", "lots"), output)
                .isEqualTo("dqms cannot start: DQMS_LIVE_MAX_STREAMS (dqms.live.max-streams): not a valid int");
    }

    @Test
    void validationErrorNamesTheDocumentedVariable(CapturedOutput output) {
        assertRefusal(Map.of("DQMS_QUEUE_PRIORITY_STREAK_LIMIT", "0"), output)
                .isEqualTo("dqms cannot start: DQMS_QUEUE_PRIORITY_STREAK_LIMIT (dqms.queue.priority-streak-limit):"
                        + " must be greater than or equal to 1");
    }

    @Test
    void durationNamesTheDocumentedVariable(CapturedOutput output) {
        assertRefusal(Map.of("DQMS_QUEUE_NO_SHOW_TIMEOUT", "soon"), output)
                .isEqualTo("dqms cannot start: DQMS_QUEUE_NO_SHOW_TIMEOUT (dqms.queue.no-show-timeout):"
                        + " not a valid Duration");
    }

    @Test
    void severalDashesNameTheDocumentedVariable(CapturedOutput output) {
        assertRefusal(Map.of("DQMS_RATE_LIMIT_SIGN_IN_PER_IP_WINDOW", "often"), output)
                .isEqualTo("dqms cannot start: DQMS_RATE_LIMIT_SIGN_IN_PER_IP_WINDOW"
                        + " (dqms.rate-limit.sign-in-per-ip-window): not a valid Duration");
    }

    @Test
    void variableWithAnotherNameThanItsPropertyIsNamed(CapturedOutput output) {
        assertRefusal(Map.of("DQMS_PASSWORD_MIN_LENGTH", "4"), output)
                .isEqualTo("dqms cannot start: DQMS_PASSWORD_MIN_LENGTH (dqms.accounts.min-password-length):"
                        + " must be greater than or equal to 8");
    }

    @Test
    void aNestedSettingNamesTheDocumentedVariable(CapturedOutput output) {
        assertRefusal(Map.of("DQMS_SMTP_TLS", "ssl"), output)
                .isEqualTo(
                        "dqms cannot start: DQMS_SMTP_TLS (dqms.notifications.smtp.tls): must be starttls, tls or none");
    }

    @Test
    void relaxedSpellingIsNamedAsItWasSet(CapturedOutput output) {
        assertRefusal(Map.of("DQMS_LIVE_MAXSTREAMS", "lots"), output)
                .isEqualTo("dqms cannot start: DQMS_LIVE_MAXSTREAMS (dqms.live.max-streams): not a valid int");
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertRefusal(
            Map<String, String> variables, CapturedOutput output) {
        assertThatThrownBy(() -> RunningApp.startWithEnvironment(variables).close())
                .isInstanceOf(RuntimeException.class);
        var lines = output.getAll()
                .lines()
                .filter(line -> line.contains("dqms cannot start: "))
                .map(line -> line.substring(line.indexOf("dqms cannot start: ")))
                .toList();
        assertThat(lines).hasSize(1);
        return assertThat(lines.get(0));
    }
}
