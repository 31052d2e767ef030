package org.dqms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dqms.testing.ServerProcess.RUNNING;
import static org.dqms.testing.ServerProcess.readUntil;
import static org.dqms.testing.ServerProcess.readinessStatus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an operator starts it, {@code java -jar}: from an unpacked copy of itself
 * (UnpackedLaunch), or from the jar when the copy cannot be made. Runs after {@code package}, in
 * {@code ./mvnw verify}.
 */
class PackagedJarIT {

    private static final Pattern STARTING_FROM =
            Pattern.compile("Starting DqmsApplication v\\S+ using Java .* \\((\\S+) started by");

    @TempDir
    Path temp;

    @Test
    void startsFromItsUnpackedCopy() throws Exception {
        Path cache = temp.resolve("jar-cache");
        Process process = dqms(Map.of("DQMS_JAR_CACHE_DIR", cache.toString()), "--server.port=0")
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            int port = readUntil(output, RUNNING, lines, process);
            assertThat(readinessStatus(port)).isEqualTo(200);
        } finally {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
            process.destroyForcibly();
        }

        Path copy = onlyEntry(cache);
        String source = lines.stream()
                .map(STARTING_FROM::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no start line in:\n" + String.join("\n", lines)));
        assertThat(Path.of(source)).as("the classes came from the copy").isEqualTo(copy.resolve("application.jar"));
        try (Stream<Path> libraries = Files.list(copy.resolve("lib"))) {
            assertThat(libraries.count()).isGreaterThan(50);
        }
    }

    @Test
    void anUnusableCacheIsReportedAndTheJarStartsAsItIs() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "");
        Output help = run(Map.of("DQMS_JAR_CACHE_DIR", file.resolve("cache").toString()), "help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.text())
                .contains("dqms: cannot use the unpacked copy of the jar in " + file.resolve("cache"))
                .contains("set DQMS_JAR_CACHE_DIR to a directory of your own, or to off")
                .contains("usage: java -jar dqms.jar [command]");
    }

    @Test
    void offStartsFromTheJarItself() throws Exception {
        Path userCache = temp.resolve("xdg");
        Output help = run(Map.of("DQMS_JAR_CACHE_DIR", "off", "XDG_CACHE_HOME", userCache.toString()), "help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.text()).contains("usage: java -jar dqms.jar [command]").doesNotContain("unpacked copy");
        assertThat(userCache).doesNotExist();
    }

    private record Output(int exitCode, String text) {}

    private Output run(Map<String, String> environment, String... arguments) throws Exception {
        Process process = dqms(environment, arguments).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Output(process.exitValue(), text);
    }

    private ProcessBuilder dqms(Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                packagedJar().toString()));
        command.addAll(List.of(arguments));
        command.add("--DQMS_DATA_DIR=" + temp.resolve("data"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder;
    }

    /** The jar that {@code package} wrote: the executable one, not Maven's {@code .original}. */
    private static Path packagedJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().matches("dqms-.*\\.jar"))
                    .toList();
            assertThat(found).as("run by ./mvnw verify, after package").hasSize(1);
            return found.get(0);
        }
    }

    private static Path onlyEntry(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> all = entries.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }
}
