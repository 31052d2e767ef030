package org.dqms.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the benchmark is told, from environment variables ({@code BENCH_SECONDS=10}) or system
 * properties ({@code -Dbench.seconds=10}); a system property wins. {@code BENCH_QUICK=true} changes
 * the defaults to a run of about two minutes.
 */
record Options(
        String databaseUrl,
        boolean quick,
        int pairs,
        int seconds,
        int warmupSeconds,
        int maxSteps,
        int departments,
        int doctors,
        int pgbenchClients,
        int positionDepth,
        int sseSubscribers,
        double sseBoardShare,
        int sseRounds,
        boolean measureStartup,
        String appHeap,
        boolean jfr,
        String pgbench,
        java.util.Set<String> only,
        java.util.Map<String, Double> fixedRates,
        java.util.Map<String, String> appEnvironment,
        Path jar,
        Path workDir) {

    /** The parts BENCH_ONLY may name; BENCH_RATES may fix the rate of the first three. */
    static final java.util.List<String> PARTS = java.util.List.of("join", "call-next", "position", "sse", "startup");

    private static final java.util.List<String> RATED = java.util.List.of("join", "call-next", "position");

    /** A setting the benchmark cannot use; its message is one line that names the setting. */
    static final class InvalidSetting extends IllegalArgumentException {
        InvalidSetting(String variable, String value, String expected) {
            super(variable + "='" + value + "': " + expected);
        }
    }

    static Options read() {
        boolean quick = bool("BENCH_QUICK", false);
        Path benchmarkDir = Path.of("").toAbsolutePath();
        return new Options(
                text("BENCH_DATABASE_URL", ""),
                quick,
                integer("BENCH_PAIRS", quick ? 1 : 3, 1),
                integer("BENCH_SECONDS", quick ? 4 : 8, 1),
                integer("BENCH_WARMUP_SECONDS", quick ? 1 : 2, 0),
                integer("BENCH_MAX_STEPS", quick ? 2 : 5, 1),
                integer("BENCH_DEPARTMENTS", 20, 1),
                integer("BENCH_DOCTORS", 50, 1),
                integer("BENCH_PGBENCH_CLIENTS", 10, 1),
                integer("BENCH_POSITION_DEPTH", 200, 1),
                integer("BENCH_SSE_SUBSCRIBERS", quick ? 2000 : 10_000, 1),
                share("BENCH_SSE_BOARD_SHARE", 0.1),
                integer("BENCH_SSE_ROUNDS", quick ? 5 : 15, 1),
                bool("BENCH_STARTUP", true),
                text("BENCH_APP_HEAP", "1g"),
                bool("BENCH_JFR", false),
                text("BENCH_PGBENCH", "pgbench"),
                parts(text("BENCH_ONLY", String.join(",", PARTS))),
                rates(text("BENCH_RATES", "")),
                pairs(text("BENCH_APP_ENV", "")),
                jar(text("BENCH_JAR", ""), benchmarkDir),
                benchmarkDir.resolve("target").resolve("run"));
    }

    /** Whether this part runs: BENCH_ONLY lists the parts (join, call-next, position, sse, startup). */
    boolean runs(String part) {
        return only.contains(part) && (!part.equals("startup") || measureStartup);
    }

    private static java.util.Set<String> parts(String text) {
        java.util.Set<String> parts = new java.util.HashSet<>();
        for (String part : text.split(",")) {
            if (!PARTS.contains(part.trim())) {
                throw new InvalidSetting("BENCH_ONLY", text, "a comma-separated list of " + String.join(", ", PARTS));
            }
            parts.add(part.trim());
        }
        return java.util.Set.copyOf(parts);
    }

    /** BENCH_RATES=join=300,position=600: one step at that rate instead of the search (for profiling). */
    private static java.util.Map<String, Double> rates(String text) {
        java.util.Map<String, Double> rates = new java.util.HashMap<>();
        if (text.isBlank()) {
            return rates;
        }
        String expected =
                "part=rate pairs, such as join=300,position=600, with part one of " + String.join(", ", RATED);
        for (String entry : text.split(",")) {
            int eq = entry.indexOf('=');
            String part = eq > 0 ? entry.substring(0, eq).trim() : "";
            if (!RATED.contains(part)) {
                throw new InvalidSetting("BENCH_RATES", text, expected);
            }
            try {
                double rate = Double.parseDouble(entry.substring(eq + 1).trim());
                if (!(rate > 0)) {
                    throw new InvalidSetting("BENCH_RATES", text, expected + " and a rate above 0");
                }
                rates.put(part, rate);
            } catch (NumberFormatException e) {
                throw new InvalidSetting("BENCH_RATES", text, expected);
            }
        }
        return rates;
    }

    /** BENCH_APP_ENV=DATABASE_POOL_SIZE=20,DQMS_LIVE_NOTIFY_INTERVAL=50ms: more settings for dqms. */
    private static java.util.Map<String, String> pairs(String text) {
        java.util.Map<String, String> pairs = new java.util.LinkedHashMap<>();
        if (text.isBlank()) {
            return pairs;
        }
        for (String entry : text.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new InvalidSetting("BENCH_APP_ENV", text, "NAME=value pairs separated by commas");
            }
            pairs.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return pairs;
    }

    /** The packaged dqms jar: BENCH_JAR, or the one {@code ./mvnw package} left in ../target. */
    private static Path jar(String configured, Path benchmarkDir) {
        if (!configured.isBlank()) {
            Path jar = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new InvalidSetting("BENCH_JAR", configured, "no such file; name the packaged dqms jar");
            }
            return jar;
        }
        Path target = benchmarkDir.resolveSibling("target");
        if (!benchmarkDir.getFileName().toString().equals("benchmark")) {
            target = benchmarkDir.resolve("target");
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("dqms-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-plain.jar"))
                    .max(Comparator.comparing(f -> f.toFile().lastModified()))
                    .orElseThrow();
        } catch (Exception e) {
            throw new InvalidSetting(
                    "BENCH_JAR",
                    "",
                    "no dqms jar in " + target + "; build it first with ./mvnw -DskipTests package, or name one");
        }
    }

    private static String text(String variable, String fallback) {
        String property = System.getProperty(
                variable.toLowerCase(Locale.ROOT).replace("bench_", "bench.").replace('_', '-'));
        if (property != null) {
            return property;
        }
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int integer(String variable, int fallback, int min) {
        String value = text(variable, Integer.toString(fallback)).trim();
        try {
            int number = Integer.parseInt(value);
            if (number >= min) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Answered below, with the setting's name.
        }
        throw new InvalidSetting(variable, value, "a whole number of at least " + min);
    }

    private static double share(String variable, double fallback) {
        String value = text(variable, Double.toString(fallback)).trim();
        try {
            double share = Double.parseDouble(value);
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // Answered below, with the setting's name.
        }
        throw new InvalidSetting(variable, value, "a share between 0 and 1, such as 0.1");
    }

    private static boolean bool(String variable, boolean fallback) {
        String value = text(variable, Boolean.toString(fallback)).trim();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new InvalidSetting(variable, value, "true or false");
    }
}
