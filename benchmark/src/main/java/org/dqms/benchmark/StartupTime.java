package org.dqms.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How long dqms takes to be ready on its embedded database, as a developer sees it after the first
 * start, from the process start to the first 200 of /actuator/health/readiness. Started on a data
 * directory that a previous start made (so PostgreSQL's first-time extraction and initdb are not
 * counted), with no DATABASE_URL, in the two ways docs/DEPLOYMENT.md describes: {@code java -jar}
 * on the packaged jar, and the production launch (the extracted jar with a class data sharing
 * archive from a training run). The two alternate, so that a change in the machine's load shows in
 * both.
 */
final class StartupTime {

    /** The timed starts of each launch. */
    record Starts(List<Duration> jar, List<Duration> production) {}

    private StartupTime() {}

    /** The first start (not counted), the production launch prepared, then {@code times} starts of each. */
    static Starts measure(Options options, int times) throws Exception {
        Path data = options.workDir().resolve("startup-data");
        Map<String, String> environment = Map.of(
                "DQMS_DATA_DIR", data.toString(),
                "DQMS_SECRETS_DIR", data.resolve("none/").toString() + "/");
        Path log = options.workDir().resolve("dqms-startup.log");
        try (AppProcess first = AppProcess.start(options, environment, log, List.of())) {
            first.awaitReady(Duration.ofMinutes(5));
        }
        ProductionLaunch production = ProductionLaunch.prepare(options, log);
        List<Duration> jar = new ArrayList<>();
        List<Duration> extracted = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            try (AppProcess app = AppProcess.start(options, environment, log, List.of())) {
                jar.add(app.awaitReady(Duration.ofMinutes(2)));
            }
            try (AppProcess app =
                    AppProcess.start(options, production.jar(), environment, log, production.jvmOptions())) {
                extracted.add(app.awaitReady(Duration.ofMinutes(2)));
            }
        }
        return new Starts(jar, extracted);
    }

    /**
     * The production launch of docs/DEPLOYMENT.md: the jar extracted with Spring Boot's jar tools,
     * and a dynamic class data sharing archive recorded by one training run that stops once the
     * context is refreshed. The training runs on a data directory of its own, as an image build
     * would.
     */
    record ProductionLaunch(Path jar, List<String> jvmOptions) {

        static ProductionLaunch prepare(Options options, Path log) throws IOException, InterruptedException {
            Path directory = options.workDir().resolve("startup-app");
            Path training = options.workDir().resolve("startup-training");
            delete(directory);
            delete(training);
            Map<String, String> none = Map.of();
            AppProcess.java(
                    options,
                    List.of(
                            "-Djarmode=tools",
                            "-jar",
                            options.jar().toString(),
                            "extract",
                            "--destination",
                            directory.toString()),
                    none,
                    log);
            Path jar = directory.resolve(options.jar().getFileName());
            Path archive = directory.resolve("dqms.jsa");
            AppProcess.java(
                    options,
                    List.of(
                            "-XX:ArchiveClassesAtExit=" + archive,
                            "-Dspring.context.exit=onRefresh",
                            "-jar",
                            jar.toString()),
                    Map.of(
                            "DQMS_DATA_DIR", training.toString(),
                            "DQMS_SECRETS_DIR", training.resolve("none/").toString() + "/"),
                    log);
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("The training run wrote no " + archive + "; see " + log);
            }
            return new ProductionLaunch(jar, List.of("-XX:SharedArchiveFile=" + archive));
        }

        private static void delete(Path directory) throws IOException {
            if (!Files.exists(directory)) {
                return;
            }
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
