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

    static Options read() {
        boolean quick = bool("BENCH_QUICK", false);
        Path benchmarkDir = Path.of("").toAbsolutePath();
        return new Options(
                text("BENCH_DATABASE_URL", ""),
                quick,
                integer("BENCH_PAIRS", quick ? 1 : 3),
                integer("BENCH_SECONDS", quick ? 4 : 8),
                integer("BENCH_WARMUP_SECONDS", quick ? 1 : 2),
                integer("BENCH_MAX_STEPS", quick ? 2 : 5),
                integer("BENCH_DEPARTMENTS", 20),
                integer("BENCH_DOCTORS", 50),
                integer("BENCH_PGBENCH_CLIENTS", 10),
                integer("BENCH_POSITION_DEPTH", 200),
                integer("BENCH_SSE_SUBSCRIBERS", quick ? 2000 : 10_000),
                decimal("BENCH_SSE_BOARD_SHARE", 0.1),
                integer("BENCH_SSE_ROUNDS", quick ? 5 : 15),
                bool("BENCH_STARTUP", true),
                text("BENCH_APP_HEAP", "1g"),
                bool("BENCH_JFR", false),
                text("BENCH_PGBENCH", "pgbench"),
                java.util.Set.of(text("BENCH_ONLY", "join,call-next,position,sse,startup").split(",")),
                rates(text("BENCH_RATES", "")),
                pairs(text("BENCH_APP_ENV", "")),
                jar(text("BENCH_JAR", ""), benchmarkDir),
                benchmarkDir.resolve("target").resolve("run"));
    }

    /** Whether this part runs: BENCH_ONLY lists the parts (join, call-next, position, sse, startup). */
    boolean runs(String part) {
        return only.contains(part) && (!part.equals("startup") || measureStartup);
    }

    /** BENCH_RATES=join=300,position=600: one step at that rate instead of the search (for profiling). */
    private static java.util.Map<String, Double> rates(String text) {
        java.util.Map<String, Double> rates = new java.util.HashMap<>();
        for (String entry : text.split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                rates.put(entry.substring(0, eq).trim(), Double.parseDouble(entry.substring(eq + 1).trim()));
            }
        }
        return rates;
    }

    /** BENCH_APP_ENV=DATABASE_POOL_SIZE=20,DQMS_LIVE_NOTIFY_INTERVAL=50ms: more settings for dqms. */
    private static java.util.Map<String, String> pairs(String text) {
        java.util.Map<String, String> pairs = new java.util.LinkedHashMap<>();
        for (String entry : text.split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                pairs.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        return pairs;
    }

    /** The packaged dqms jar: BENCH_JAR, or the one {@code ./mvnw package} left in ../target. */
    private static Path jar(String configured, Path benchmarkDir) {
        if (!configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
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
            throw new IllegalStateException("No dqms jar in " + target
                    + ": build it first with ./mvnw -DskipTests package (or set BENCH_JAR)");
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

    private static int integer(String variable, int fallback) {
        return Integer.parseInt(text(variable, Integer.toString(fallback)).trim());
    }

    private static double decimal(String variable, double fallback) {
        return Double.parseDouble(text(variable, Double.toString(fallback)).trim());
    }

    private static boolean bool(String variable, boolean fallback) {
        return Boolean.parseBoolean(text(variable, Boolean.toString(fallback)).trim());
    }
}
