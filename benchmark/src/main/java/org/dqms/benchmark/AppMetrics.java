package org.dqms.benchmark;

import java.util.concurrent.TimeUnit;

/** Figures from the app's own Prometheus metrics ({@code /actuator/prometheus}). */
final class AppMetrics {

    private final DqmsClient client;

    AppMetrics(DqmsClient client) {
        this.client = client;
    }

    /** The heap in use, in MiB; -1 if the metrics could not be read. */
    long heapUsedMib() {
        double bytes = sum("jvm_memory_used_bytes{", "area=\"heap\"");
        return bytes < 0 ? -1 : (long) (bytes / 1024 / 1024);
    }

    /** The JIT compilers' time since the app started, in ms; -1 if the metrics could not be read. */
    long compilationMillis() {
        double millis = sum("jvm_compilation_time_ms_total", "");
        return millis < 0 ? -1 : (long) millis;
    }

    /** The sum of the samples of the metric whose lines contain {@code label}; -1 on failure. */
    private double sum(String metric, String label) {
        try {
            String metrics = client.send("GET", "/actuator/prometheus", null, null, null)
                    .get(10, TimeUnit.SECONDS)
                    .body();
            double sum = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith(metric) && line.contains(label)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }
}
