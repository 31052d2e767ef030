package org.dqms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the benchmark starts, waits for, measures and stops dqms, against a real child process: a jar
 * of {@link StandInApp}, which answers readiness as dqms does and prints what it was given. A start
 * that fails must be reported with the log that holds its output, and a stop must leave no process
 * behind.
 */
class AppProcessTest {

    private static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    static Path jarDirectory;

    private static Path jar;

    @TempDir
    Path workDir;

    private AppProcess app;

    @BeforeAll
    static void packageTheStandIn() throws Exception {
        jar = jarDirectory.resolve("stand-in.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, StandInApp.class.getName());
        String entry = StandInApp.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream in = StandInApp.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void theJarStartsWithTheHeapOptionsAndSettingsGivenInTheWorkDirectory() throws Exception {
        app = start(Map.of("STAND_IN_WARD", "cardiology"), "-Dstand-in.ready-after-ms=0");

        app.awaitReady(READY);

        assertThat(log())
                .contains(
                        "pid " + app.pid(),
                        "jvm -Xmx96m -Dstand-in.ready-after-ms=0",
                        "dir " + workDir.toRealPath(),
                        "jar cache " + workDir.resolve("jar-cache"),
                        "ward cardiology",
                        "port " + app.base().getPort());
        assertThat(readiness()).as("the app answers on base()").isEqualTo(200);
        assertThat(app.alive()).isTrue();
    }

    @Test
    void readinessIsAwaitedUntilItAnswers200() throws Exception {
        app = start(Map.of(), "-Dstand-in.ready-after-ms=1500");

        Duration ready = app.awaitReady(READY);

        assertThat(ready).isGreaterThanOrEqualTo(Duration.ofMillis(1500)).isLessThan(READY);
        assertThat(readiness()).isEqualTo(200);
    }

    @Test
    void anAppNeverReadyIsReportedAtTheTimeoutAndLeftForTheCallerToStop() throws Exception {
        app = start(Map.of(), "-Dstand-in.ready-after-ms=-1");
        Duration timeout = Duration.ofSeconds(3);

        long before = System.nanoTime();
        assertThatThrownBy(() -> app.awaitReady(timeout))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("dqms was not ready within PT3S; see " + app.log());

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(timeout.plusSeconds(10));
        assertThat(readiness()).as("still running, answering 503").isEqualTo(503);
    }

    @Test
    void aStartThatFailsIsReportedAtOnceWithItsExitCodeAndTheLogOfItsOutput() throws Exception {
        app = start(Map.of(), "-Dstand-in.exit=3");

        long before = System.nanoTime();
        assertThatThrownBy(() -> app.awaitReady(READY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("dqms exited with 3; see " + app.log());

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(READY.dividedBy(2));
        assertThat(log()).contains("pid " + app.pid(), "stand-in cannot start");
        assertThat(app.alive()).isFalse();
    }

    @Test
    void theResidentSetAndCpuAreTheApps() throws Exception {
        app = start(Map.of(), "-Dstand-in.hold-mib=64");
        app.awaitReady(READY);

        ProcessHandle handle = ProcessHandle.of(app.pid()).orElseThrow();
        assertThat(handle.parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
        assertThat(log()).contains("pid " + app.pid());
        long rss = app.rssMib();
        assertThat(rss).isGreaterThanOrEqualTo(64);
        assertThat(app.peakRssMib()).isGreaterThanOrEqualTo(rss);
        // Ticks of 10 ms, read a moment apart.
        long jdkMillis = handle.info().totalCpuDuration().orElseThrow().toMillis();
        assertThat(app.cpuMillis()).isPositive().isBetween(jdkMillis - 100, jdkMillis + 100);
    }

    @Test
    void aStopIsASigtermThatLetsTheAppShutDownAndLeavesNoProcess() throws Exception {
        app = start(Map.of());
        app.awaitReady(READY);
        long pid = app.pid();

        app.close();

        assertThat(app.alive()).isFalse();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(log()).as("its shutdown hooks ran").contains("stopped gracefully");
        app.close();
    }

    @Test
    void anAppThatIgnoresSigtermIsKilledOnceItsGraceIsOver() throws Exception {
        app = start(Map.of(), "-Dstand-in.ignore-term=true");
        app.awaitReady(READY);
        long pid = app.pid();

        long before = System.nanoTime();
        app.stop(Duration.ofSeconds(2));

        assertThat(Duration.ofNanos(System.nanoTime() - before))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2))
                .isLessThan(Duration.ofSeconds(15));
        assertThat(app.alive()).isFalse();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(log()).doesNotContain("stopped gracefully");
    }

    @Test
    void aCommandPassesOnlyIfItExitsWith0() throws Exception {
        Path log = workDir.resolve("command.log");

        AppProcess.command(options(), Map.of("STAND_IN_WARD", "radiology"), log, "exit", "0");

        assertThatThrownBy(() -> AppProcess.command(options(), Map.of(), log, "exit", "4"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("java -jar " + jar + " exit 4 failed; see " + log);
        assertThat(Files.readString(log)).contains("ward radiology", "ward null");
    }

    @Test
    void noneOfTheCallersDqmsOrJvmSettingsReachTheApp() {
        Map<String, String> environment = new HashMap<>(Map.of(
                "DQMS_ENV", "production",
                "DATABASE_URL", "postgresql://elsewhere/dqms",
                "DIRECT_DATABASE_URL", "postgresql://elsewhere/dqms",
                "SPRING_PROFILES_ACTIVE", "dev",
                "PORT", "8080",
                "JAVA_TOOL_OPTIONS", "-Xmx4g",
                "JDK_JAVA_OPTIONS", "-Xmx4g",
                "_JAVA_OPTIONS", "-Xmx4g",
                "PATH", "/usr/bin",
                "LANG", "C.UTF-8"));

        AppProcess.clean(environment);

        assertThat(environment).containsOnlyKeys("PATH", "LANG");
    }

    private AppProcess start(Map<String, String> environment, String... jvmOptions) throws Exception {
        return AppProcess.start(options(), environment, workDir.resolve("app.log"), List.of(jvmOptions));
    }

    private String log() throws Exception {
        return Files.readString(app.log());
    }

    private int readiness() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(app.base().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The benchmark's options as far as AppProcess reads them: heap, jar and work directory. */
    private Options options() {
        return new Options(
                "",
                true,
                1,
                1,
                0,
                1,
                1,
                1,
                1,
                1,
                1,
                0.1,
                1,
                false,
                "96m",
                false,
                "pgbench",
                Set.of(),
                Map.of(),
                Map.of(),
                jar,
                workDir);
    }
}
