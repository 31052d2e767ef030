package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings read from a variable or from the file its {@code _FILE} twin names. */
class SecretsTest {

    private static final String SECRET = "Zq7-s3cr3t-pw";

    @TempDir
    Path directory;

    @Test
    void aFileIsReadWithoutItsFinalLineBreaks() throws Exception {
        Path file = Files.writeString(directory.resolve("password"), " " + SECRET + " \r\n\n");

        assertThat(Secrets.read("DATABASE_PASSWORD", null, file.toString())).contains(" " + SECRET + " ");
    }

    @Test
    void aMissingFileAtAnAbsolutePathIsNamed() {
        Path missing = directory.resolve("missing");

        assertThatThrownBy(() -> Secrets.read("DATABASE_PASSWORD", null, missing.toString()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("DATABASE_PASSWORD_FILE: cannot read " + missing + " (no such file)");
    }

    /** The secret itself put in the _FILE variable by mistake must not reach the log with the error. */
    @Test
    void aValueThatIsNoReadableFileIsNotEchoed() {
        for (String mistaken :
                new String[] {SECRET, "postgresql://app:" + SECRET + "@db/dqms", "pw\0" + SECRET, SECRET + "\n"}) {
            assertThatThrownBy(() -> Secrets.read("DATABASE_URL", null, mistaken))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith("DATABASE_URL_FILE: ")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void aVariableAndItsTwinTogetherAreRefused() {
        assertThatThrownBy(() -> Secrets.read("DATABASE_PASSWORD", SECRET, "/run/secrets/db"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("DATABASE_PASSWORD: set either DATABASE_PASSWORD or DATABASE_PASSWORD_FILE, not both");
    }
}
