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
        double bytes = sum("jvm_memory_used_bytes", "area=\"heap\"");
        return bytes < 0 ? -1 : (long) (bytes / 1024 / 1024);
    }

    /** The JIT compilers' time since the app started, in ms; -1 if the metrics could not be read. */
    long compilationMillis() {
        double millis = sum("jvm_compilation_time_ms_total", "");
        return millis < 0 ? -1 : (long) millis;
    }

    /**
     * The sum of the samples of the metric whose lines contain {@code label}; -1 if the metrics could
     * not be read or hold no such sample. An answer other than 200, or one without the metric, is a
     * failure: taken for 0, it would read as a JIT that has stopped compiling.
     */
    private double sum(String metric, String label) {
        try {
            DqmsClient.Reply reply =
                    client.send("GET", "/actuator/prometheus", null, null, null).get(10, TimeUnit.SECONDS);
            if (reply.status() != 200) {
                return -1;
            }
            double sum = 0;
            int samples = 0;
            for (String line : reply.body().split("\n")) {
                if (sample(line, metric) && line.contains(label)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    samples++;
                }
            }
            return samples == 0 ? -1 : sum;
        } catch (Exception e) {
            return -1;
        }
    }

    /** A sample line of the metric: its whole name, then labels or a space. */
    private static boolean sample(String line, String metric) {
        if (!line.startsWith(metric)) {
            return false;
        }
        char next = line.length() > metric.length() ? line.charAt(metric.length()) : '\n';
        return next == '{' || next == ' ';
    }
}
