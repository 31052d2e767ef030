package org.dqms.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgbench with the custom scripts in src/main/resources/pgbench: the same SQL as dqms, sent
 * straight to PostgreSQL by a closed-model client that runs transactions back to back, as fast as
 * the server takes them. Its rate is the physical limit that dqms is compared against.
 */
final class Pgbench {

    /** One run: scripts per second (excluding connection time), and what went wrong. */
    record Run(String script, int clients, double tps, long transactions, long failed, String problem, long commits) {

        boolean ok() {
            return problem == null && failed == 0 && transactions > 0;
        }
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\((?:without initial connection time|excluding connections establishing)\\)");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    private final Options options;
    private final Database database;
    private final Path scripts;

    Pgbench(Options options, Database database) throws IOException {
        this.options = options;
        this.database = database;
        this.scripts = options.workDir().resolve("pgbench");
        Files.createDirectories(scripts);
        for (String name : List.of("join.sql", "call-next.sql", "position.sql")) {
            try (InputStream in = Pgbench.class.getResourceAsStream("/pgbench/" + name)) {
                Files.write(scripts.resolve(name), in.readAllBytes());
            }
        }
    }

    /** pgbench's version line, e.g. "pgbench (PostgreSQL) 15.14", or why it cannot run. */
    String version() {
        try {
            Process p = new ProcessBuilder(options.pgbench(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "not found (" + options.pgbench() + ")";
        }
    }

    /** A warm-up run that is thrown away, then the measured one; commits from pg_stat_database. */
    Run run(String script, int clients, Map<String, String> variables) throws Exception {
        invoke(script, clients, options.warmupSeconds(), variables);
        long before = database.commits();
        Run run = invoke(script, clients, options.seconds(), variables);
        long commits = database.commits() - before;
        return new Run(run.script(), clients, run.tps(), run.transactions(), run.failed(), run.problem(), commits);
    }

    private Run invoke(String script, int clients, int seconds, Map<String, String> variables) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                options.pgbench(),
                "--no-vacuum",
                "--protocol=prepared",
                "--client=" + clients,
                "--jobs=" + Math.min(2, clients),
                "--time=" + seconds,
                "--file=" + scripts.resolve(script),
                "--host=" + database.host(),
                "--port=" + database.port(),
                "--username=" + database.user()));
        variables.forEach((k, v) -> command.add("--define=" + k + "=" + v));
        command.add(database.name());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!database.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", database.password());
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(seconds + 120L, TimeUnit.SECONDS);
        Files.writeString(
                options.workDir().resolve("pgbench.log"),
                "$ " + String.join(" ", command) + "\n" + out + "\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return parse(script, clients, process.exitValue(), out);
    }

    /** What a pgbench run printed, as a run without its commits (counted around it). */
    static Run parse(String script, int clients, int exitValue, String out) {
        Matcher tps = TPS.matcher(out);
        Matcher processed = PROCESSED.matcher(out);
        Matcher failed = FAILED.matcher(out);
        String problem = null;
        if (exitValue != 0 || out.contains("aborted")) {
            problem = "pgbench exited " + exitValue + "; see target/run/pgbench.log";
        }
        return new Run(
                script,
                clients,
                tps.find() ? Double.parseDouble(tps.group(1)) : 0,
                processed.find() ? Long.parseLong(processed.group(1)) : 0,
                failed.find() ? Long.parseLong(failed.group(1)) : 0,
                problem,
                0);
    }
}
