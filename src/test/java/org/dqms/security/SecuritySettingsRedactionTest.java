package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A log line or an exception message that includes the security settings shows no signing key. */
class SecuritySettingsRedactionTest {

    @Test
    void theSettingsShowNoSigningKey() {
        String key = "c2lnbmluZy1rZXktb2YtYXQtbGVhc3QtMzItcmFuZG9tLWJ5dGVz";
        SecuritySettings settings =
                new SecuritySettings(key, null, null, Duration.ofMinutes(15), Duration.ofDays(30), false, List.of());

        assertThat(settings.toString()).doesNotContain(key).contains("accessTokenTtl=PT15M");
    }
}
