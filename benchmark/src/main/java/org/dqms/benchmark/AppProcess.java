package org.dqms.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * dqms as an operator runs it: {@code java -jar dqms.jar} in a process of its own, configured by
 * environment variables only, its output in a log file under target/run.
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final long startedNanos;

    private AppProcess(Process process, int port, Path log, long startedNanos) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** Starts the server; {@link #awaitReady} waits until it takes traffic. */
    static AppProcess start(Options options, Map<String, String> environment, Path log, List<String> jvmOptions)
            throws IOException {
        return start(options, options.jar(), environment, log, jvmOptions);
    }

    /** Starts the server from another jar, such as the extracted one of the production launch. */
    static AppProcess start(
            Options options, Path jar, Map<String, String> environment, Path log, List<String> jvmOptions)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx" + options.appHeap());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = builder(options, command, environment, log);
        builder.environment().put("PORT", Integer.toString(port));
        long started = System.nanoTime();
        Process process = builder.start();
        // If the benchmark is stopped, dqms goes with it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new AppProcess(process, port, log, started);
    }

    /** Runs one of dqms' commands ({@code db roles}, {@code migrate}) and fails unless it exits 0. */
    static void command(Options options, Map<String, String> environment, Path log, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-jar", options.jar().toString()));
        command.addAll(List.of(arguments));
        java(options, command, environment, log);
    }

    /** Runs {@code java} with these arguments and fails unless it exits 0. */
    static void java(Options options, List<String> arguments, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(arguments);
        Process process = builder(options, command, environment, log).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("java " + String.join(" ", arguments) + " failed; see " + log);
        }
    }

    /** A java process in the work directory, logging to {@code log}, with only the given settings. */
    private static ProcessBuilder builder(
            Options options, List<String> command, Map<String, String> environment, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(options.workDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        clean(builder.environment());
        // The unpacked copy of the jar that java -jar starts from: made by the run's first start.
        builder.environment().put("DQMS_JAR_CACHE_DIR", options.workDir().resolve("jar-cache").toString());
        builder.environment().putAll(environment);
        return builder;
    }

    /**
     * Nothing of the caller's own dqms or JVM configuration may leak into the measured process. The
     * JVM reads _JAVA_OPTIONS after its command line, so an -Xmx there would replace BENCH_APP_HEAP.
     */
    static void clean(Map<String, String> environment) {
        environment.keySet().removeIf(k -> k.startsWith("DQMS_") || k.startsWith("DATABASE_")
                || k.startsWith("DIRECT_DATABASE_") || k.startsWith("SPRING_") || k.equals("PORT")
                || k.startsWith("JAVA_TOOL_OPTIONS") || k.startsWith("JDK_JAVA_OPTIONS")
                || k.equals("_JAVA_OPTIONS"));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until /actuator/health/readiness answers 200; returns the time from process start. */
    Duration awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest request = HttpRequest.newBuilder(base().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dqms exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("dqms was not ready within " + timeout + "; see " + log);
    }

    URI base() {
        return URI.create("http://localhost:" + port);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    long peakRssMib() {
        return Machine.peakRssMib(process.pid());
    }

    long rssMib() {
        return Machine.rssMib(process.pid());
    }

    long cpuMillis() {
        return Machine.cpuMillis(process.pid());
    }

    Path log() {
        return log;
    }

    /** SIGTERM, as an orchestrator stops it; the graceful shutdown gets 30 seconds. */
    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(30));
    }

    /** SIGTERM, then SIGKILL if the process has not ended within {@code grace}. */
    void stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void writeSecretFile(Path file, String secret) throws IOException {
        Files.writeString(file, secret);
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
    }
}
