package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.dqms.platform.InvalidSettingException;
import org.dqms.testing.RunningApp;
import org.junit.jupiter.api.Test;
import org.springframework.core.NestedExceptionUtils;

/**
 * A bad signing key stops the whole application at start, naming the variable. (Production's
 * refusal of a missing key is covered in {@link SigningKeysTest}: a production start also needs a
 * TLS database, which would be checked first.)
 */
class KeyStartTest {

    @Test
    void aShortSecretStopsTheStartNamingTheVariableWithoutTheSecret() {
        Map<String, String> variables = Map.of("DQMS_JWT_SECRET", "c2hvcnQ=");

        assertThatThrownBy(() -> RunningApp.start(variables).close()).satisfies(failure -> {
            Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
            assertThat(root).isInstanceOf(InvalidSettingException.class);
            assertThat(((InvalidSettingException) root).setting()).isEqualTo("DQMS_JWT_SECRET");
            assertThat(root.getMessage()).doesNotContain("c2hvcnQ=").doesNotContain("\n");
        });
    }
}
