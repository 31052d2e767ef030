package org.dqms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dqms.testing.ServerProcess.RUNNING;
import static org.dqms.testing.ServerProcess.readUntil;
import static org.dqms.testing.ServerProcess.readinessStatus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dqms.testing.MigrationFiles;
import org.junit.jupiter.api.Test;

/**
 * dqms as a person runs it: a separate process with no settings, stopped with Ctrl-C (SIGINT).
 * The embedded database must stop with it and keep its data for the next start.
 */
class ProcessLifecycleTest {

    private static final Pattern EMBEDDED =
            Pattern.compile("embedded PostgreSQL \\(development only\\) on port (\\d+)");

    private final Path dataDir = Path.of("target", "test-data", "lifecycle-" + UUID.randomUUID());

    @Test
    void ctrlCStopsTheEmbeddedDatabaseAndDataSurvivesARestart() throws Exception {
        List<String> firstRun = runUntilReadyThenInterrupt();
        assertThat(firstRun).anyMatch(line -> line.contains("Migrations: " + MigrationFiles.count() + " applied now"));

        List<String> secondRun = runUntilReadyThenInterrupt();
        assertThat(secondRun)
                .anyMatch(line ->
                        line.contains("Migrations: 0 applied now; schema at version " + MigrationFiles.latest()));
    }

    @Test
    void badEnvironmentVariableStopsTheServerWithOneLine() throws Exception {
        ProcessBuilder builder = dqms("--server.port=0");
        builder.environment().put("DQMS_ENV", "staging");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output.lines().filter(line -> line.contains("dqms cannot start")))
                .containsExactly(output.lines()
                        .filter(line -> line.endsWith(
                                "dqms cannot start: DQMS_ENV (dqms.env): must be development or" + " production"))
                        .findFirst()
                        .orElse("no such line in:\n" + output));
    }

    @Test
    void badSettingStopsACommandWithExitCodeTwo() throws Exception {
        ProcessBuilder builder = dqms("migrate", "status");
        builder.environment().put("DATABASE_POOL_SIZE", "0");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output)
                .contains("dqms cannot start: DATABASE_POOL_SIZE (dqms.database.pool-size): must be greater than or"
                        + " equal to 1");
    }

    /** {@code java -jar dqms.jar --DQMS_ENV=production migrate} used to start the server instead. */
    @Test
    void aSettingBeforeTheCommandWordRunsTheCommand() throws Exception {
        Exited help = runToTheEnd("--DQMS_ENV=development", "--server.port=0", "help");

        assertThat(help.code()).isZero();
        assertThat(help.output()).contains("usage: java -jar dqms.jar [command]");
    }

    @Test
    void aWordAfterAnOptionStopsTheServerWithAUsageLine() throws Exception {
        Exited server = runToTheEnd("--server.port=0", "--debug", "migrate");

        assertThat(server.code()).isEqualTo(2);
        assertThat(server.output().lines())
                .containsExactly("error: argument 3 is neither a command nor an option: a command comes first"
                        + " (java -jar dqms.jar help), and settings are written --NAME=value");
    }

    private record Exited(int code, String output) {}

    /**
     * Runs dqms, which should exit by itself within a minute. One that does not (a server) gets
     * SIGTERM, so that an embedded database stops with it, and fails the test.
     */
    private Exited runToTheEnd(String... arguments) throws Exception {
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("output.log");
        Process process = dqms(arguments).redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        String output = Files.readString(log);
        assertThat(exited).as("dqms exits by itself; its output:%n%s", output).isTrue();
        return new Exited(process.exitValue(), output);
    }

    private ProcessBuilder dqms(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(defaultInterrupt());
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DqmsApplication.class.getName()));
        command.addAll(List.of(arguments));
        command.add("--DQMS_DATA_DIR=" + dataDir);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /**
     * A build started in the background of a shell ({@code nohup ./mvnw verify &}) runs with SIGINT
     * ignored, and every process it starts inherits that, so the JVM would ignore Ctrl-C. Where
     * Linux shows it, GNU env gives the process SIGINT's default action back.
     */
    private static List<String> defaultInterrupt() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return List.of();
        }
        long sigint = 1L << (2 - 1);
        boolean ignored = Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .anyMatch(line -> (Long.parseUnsignedLong(
                                        line.substring("SigIgn:".length()).trim(), 16)
                                & sigint)
                        != 0);
        return ignored ? List.of("env", "--default-signal=INT") : List.of();
    }

    private List<String> runUntilReadyThenInterrupt() throws Exception {
        Process process = dqms("--server.port=0").start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            int httpPort = readUntil(output, RUNNING, lines, process);
            int postgresPort = port(lines, EMBEDDED);
            assertThat(readinessStatus(httpPort)).isEqualTo(200);

            new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .start()
                    .waitFor();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("dqms exits after Ctrl-C")
                    .isTrue();
            output.lines().forEach(lines::add);

            assertThat(lines).anyMatch(line -> line.contains("Stopped the embedded PostgreSQL"));
            assertThat(lines)
                    .as("the database stops after the components that use it")
                    .noneMatch(line -> line.contains("the listening session failed"));
            assertThatThrownBy(() -> new Socket("localhost", postgresPort).close())
                    .as("the embedded PostgreSQL no longer listens")
                    .isInstanceOf(IOException.class);
        } finally {
            process.destroyForcibly();
        }
        return lines;
    }

    private static int port(List<String> lines, Pattern pattern) {
        return lines.stream()
                .map(pattern::matcher)
                .filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line matches " + pattern));
    }
}
