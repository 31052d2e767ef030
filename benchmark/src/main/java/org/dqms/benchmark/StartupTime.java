package org.dqms.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long dqms takes to be ready on its embedded database, as a developer sees it after the first
 * start: {@code java -jar} with no DATABASE_URL, started on a data directory that a previous start
 * made (so PostgreSQL's first-time extraction and initdb are not counted), from the process start
 * to the first 200 of /actuator/health/readiness.
 */
final class StartupTime {

    private StartupTime() {}

    /** The first start (not counted), then {@code times} measured starts; their durations. */
    static List<Duration> measure(Options options, int times) throws Exception {
        Path data = options.workDir().resolve("startup-data");
        Map<String, String> environment = Map.of(
                "DQMS_DATA_DIR", data.toString(),
                "DQMS_SECRETS_DIR", data.resolve("none/").toString() + "/");
        Path log = options.workDir().resolve("dqms-startup.log");
        try (AppProcess first = AppProcess.start(options, environment, log, List.of())) {
            first.awaitReady(Duration.ofMinutes(5));
        }
        List<Duration> measured = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            try (AppProcess app = AppProcess.start(options, environment, log, List.of())) {
                measured.add(app.awaitReady(Duration.ofMinutes(2)));
            }
        }
        return measured;
    }
}
