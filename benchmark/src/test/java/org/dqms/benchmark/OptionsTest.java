package org.dqms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A setting the benchmark cannot use stops it with one line that names the setting and says what it
 * takes (the run then exits with code 2), instead of a run measured with something else.
 */
class OptionsTest {

    private static final String JAR = "bench.jar";

    @TempDir
    Path directory;

    @BeforeEach
    void aJar() throws Exception {
        System.setProperty(JAR, Files.createFile(directory.resolve("dqms-test.jar")).toString());
    }

    @AfterEach
    void clear() {
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("bench."))
                .forEach(System::clearProperty);
    }

    @Test
    void ratesAndTheAppsSettingsAreRead() {
        System.setProperty("bench.rates", "join=300,call-next=60.5");
        System.setProperty("bench.app-env", "DATABASE_POOL_SIZE=20,DQMS_LIVE_NOTIFY_INTERVAL=50ms");
        System.setProperty("bench.only", "join,call-next");

        Options options = Options.read();

        assertThat(options.fixedRates()).isEqualTo(Map.of("join", 300.0, "call-next", 60.5));
        assertThat(options.appEnvironment())
                .containsExactly(
                        Map.entry("DATABASE_POOL_SIZE", "20"), Map.entry("DQMS_LIVE_NOTIFY_INTERVAL", "50ms"));
        assertThat(options.runs("join")).isTrue();
        assertThat(options.runs("position")).isFalse();
    }

    @Test
    void eachBadSettingIsRefusedInOneLineThatNamesIt() {
        assertRefused("bench.pairs", "0", "BENCH_PAIRS='0': a whole number of at least 1");
        assertRefused("bench.seconds", "ten", "BENCH_SECONDS='ten': a whole number of at least 1");
        assertRefused("bench.only", "join,joins", "BENCH_ONLY='join,joins': a comma-separated list of join");
        assertRefused("bench.rates", "join=0", "BENCH_RATES='join=0': part=rate pairs");
        assertRefused("bench.rates", "sse=10", "BENCH_RATES='sse=10': part=rate pairs");
        assertRefused("bench.sse-board-share", "1.5", "BENCH_SSE_BOARD_SHARE='1.5': a share between 0 and 1");
        assertRefused("bench.quick", "yes", "BENCH_QUICK='yes': true or false");
        assertRefused("bench.app-env", "POOL_SIZE", "BENCH_APP_ENV='POOL_SIZE': NAME=value pairs");
        assertRefused(JAR, directory.resolve("missing.jar").toString(), "BENCH_JAR='");
    }

    private static void assertRefused(String property, String value, String messageStart) {
        String before = System.getProperty(property);
        System.setProperty(property, value);
        try {
            assertThatThrownBy(Options::read)
                    .isInstanceOf(Options.InvalidSetting.class)
                    .hasMessageStartingWith(messageStart)
                    .hasMessageNotContaining("\n");
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }
}
