package org.dqms.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The benchmark of dqms against raw PostgreSQL on the same machine: dqms from its packaged jar and
 * pgbench with the same SQL, on one database, in interleaved pairs of runs; one table of ratios at
 * the end. See benchmark/README.md.
 */
public final class Benchmark {

    /** Long enough for PostgreSQL's idle backends to report their statistics (they wait 10 s). */
    private static final int QUIET_SECONDS = 11;

    private static final int MAX_IN_FLIGHT = 1000;

    /** The share of a warm-up round's time the JIT may spend compiling for dqms to count as warm. */
    private static final double JIT_SETTLED = 0.02;

    private final Options options;
    private final ResultTable table = new ResultTable();
    private final List<String> details = new ArrayList<>();
    private final AtomicLong patients = new AtomicLong();
    private Database database;
    private AppProcess app;
    private DqmsClient client;
    private Seeder seeder;
    private Stock stock;
    private Pgbench pgbench;
    private Correctness correctness;
    private OpenModelLoad load;

    private Benchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int exit;
        try {
            exit = new Benchmark(Options.read()).run();
        } catch (Options.InvalidSetting e) {
            System.err.println("benchmark: " + e.getMessage());
            exit = 2;
        } catch (Exception e) {
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        prepareWorkDir();
        log("dqms benchmark: " + (options.quick() ? "quick" : "full") + " run, " + options.pairs() + " pair(s), "
                + options.warmupSeconds() + " s warm-up + " + options.seconds() + " s per step; jar "
                + options.jar().getFileName());
        log("Machine: " + Machine.describe());
        StartupTime.Starts startups = options.runs("startup") ? measureStartup() : null;
        database = Database.start(options);
        try {
            return benchmark(startups);
        } finally {
            if (client != null) {
                client.close();
            }
            if (app != null) {
                app.close();
            }
            database.close();
        }
    }

    private int benchmark(StartupTime.Starts startups) throws Exception {
        pgbench = new Pgbench(options, database);
        String databaseLine = "PostgreSQL " + database.version()
                + (database.embedded() ? " (embedded, fresh data directory)" : " (BENCH_DATABASE_URL)")
                + ", fsync=" + database.setting("fsync")
                + ", synchronous_commit=" + database.setting("synchronous_commit")
                + ", pg_stat_statements " + (database.hasStatementStatistics() ? "on" : "not loaded (profiles skipped)")
                + "; " + pgbench.version();
        log("Database: " + databaseLine);

        Installation installation = new Installation(options, database);
        installation.install();
        app = installation.start("dqms.log");
        log("dqms ready (pid " + app.pid() + ", -Xmx" + options.appHeap() + ", pool " + Installation.POOL_SIZE
                + ")" + (options.jfr() ? "; recording JFR to target/run/dqms.jfr" : "")
                + (options.appEnvironment().isEmpty() ? "" : "; BENCH_APP_ENV " + options.appEnvironment()));
        client = new DqmsClient(app.base(), 4);
        seeder = new Seeder(client, client.signIn(Installation.ADMIN_EMAIL, installation.adminPassword()));
        stock = new Stock(database);
        correctness = new Correctness(database);
        load = new OpenModelLoad(MAX_IN_FLIGHT, app::cpuMillis, () -> database.cpuMillis().orElse(-1));

        int d = options.departments();
        List<Long> callDepartments = seeder.departments("call", d);
        List<Seeder.Doctor> doctors =
                seeder.accounts(seeder.doctors("call", options.doctors(), callDepartments), callDepartments);
        List<Long> positionDepartments = seeder.departments("position", d);
        seeder.doctors("position", d, positionDepartments);
        List<Long> pgJoinDepartments = contiguous(seeder.departments("pgbench join", d));
        List<Long> pgCallDepartments = contiguous(seeder.departments("pgbench call", d));
        List<Long> pgDoctors = contiguous(seeder.doctors("pgbench", options.doctors(), pgCallDepartments));
        stock.topUp(positionDepartments, options.positionDepth());
        List<String> links = stock.links(positionDepartments);
        database.execute("ANALYZE");
        log("Seeded through the API: " + d + " departments with " + options.doctors()
                + " doctors (each with a DOCTOR account, signed in) for call-next, " + d
                + " for position lookups with " + options.positionDepth() + " waiting each, and pgbench's own "
                + "departments and doctors; time zone " + seeder.timeZone());

        Operations.DoctorPool pool = new Operations.DoctorPool(doctors);
        Operations.CallCounts callCounts = new Operations.CallCounts();
        warmUp(callDepartments, pool, callCounts, links);

        LocalDate today = LocalDate.now(ZoneId.of(seeder.timeZone()));
        List<ResultTable.Pair> joins = new ArrayList<>();
        List<ResultTable.Pair> calls = new ArrayList<>();
        List<ResultTable.Pair> positions = new ArrayList<>();
        double pgCallRate = 1500;
        for (int pair = 1; pair <= options.pairs(); pair++) {
            log("— Pair " + pair + " of " + options.pairs());

            if (options.runs("join")) {
            Pgbench.Run pgJoin = pgbench.run(
                    "join.sql",
                    options.pgbenchClients(),
                    Map.of(
                            "deptbase", Long.toString(pgJoinDepartments.get(0)),
                            "ndept", Integer.toString(d),
                            "day", today.toString(),
                            "capacity", "100000"));
            logPgbench("join", pgJoin);
            double joinStart = pgJoin.tps() > 0 ? 0.7 * pgJoin.tps() : 200;
            Ladder join = ladder("join", pair, joinStart, 20, rate -> {
                List<Long> fresh = seeder.departments("join", d);
                return measured(load.run(
                        "join", rate, options.warmupSeconds(), options.seconds(), Operations.join(client, fresh, patients)));
            });
            joins.add(new ResultTable.Pair(pgJoin, join.outcome(), join.commitsPerOp(), perTransaction(pgJoin)));
            }

            if (options.runs("call-next")) {
            // pgbench and dqms start from queues of the same depth: the claim reads the department's
            // whole waiting queue, so deeper queues make each call dearer for either side.
            int callDepth = depth(pgCallRate, pgCallDepartments.size(), options.doctors());
            stock.topUp(pgCallDepartments, callDepth);
            Pgbench.Run pgCall = pgbench.run(
                    "call-next.sql",
                    options.doctors(),
                    Map.of(
                            "docbase", Long.toString(pgDoctors.get(0)),
                            "deptbase", Long.toString(pgCallDepartments.get(0)),
                            "ndept", Integer.toString(d)));
            logPgbench("call-next (queues of " + callDepth + ")", pgCall);
            if (pgCall.ok()) {
                pgCallRate = pgCall.tps();
            }
            double callStart = pgCall.tps() > 0 ? 0.5 * pgCall.tps() : 100;
            Ladder call = ladder("call-next", pair, callStart, 25, rate -> {
                stock.topUp(callDepartments, callDepth);
                pool.awaitIdle(doctors.size(), 30_000);
                OpenModelLoad.Step step = load.run(
                        "call-next",
                        rate,
                        options.warmupSeconds(),
                        options.seconds(),
                        Operations.callNext(client, pool, correctness, callCounts));
                pool.awaitIdle(doctors.size(), 30_000);
                details.add("  call-next refusals so far: " + callCounts + "; queues topped up to " + callDepth);
                return measured(step);
            });
            calls.add(new ResultTable.Pair(pgCall, call.outcome(), call.commitsPerOp(), perTransaction(pgCall)));
            }

            if (options.runs("position")) {
            Pgbench.Run pgPosition = pgbench.run(
                    "position.sql", options.pgbenchClients(), Map.of("count", Integer.toString(links.size())));
            logPgbench("position", pgPosition);
            Ladder position = ladder("position", pair, 5000, 10, rate -> measured(load.run(
                    "position", rate, options.warmupSeconds(), options.seconds(), Operations.position(client, links))));
            positions.add(
                    new ResultTable.Pair(pgPosition, position.outcome(), position.commitsPerOp(), perTransaction(pgPosition)));
            }
        }

        SseFanOut.Result fanOut = null;
        String fanOutFailure = null;
        if (options.runs("sse")) {
            try {
                fanOut = fanOut(callDepartments, doctors, pool);
            } catch (Exception e) {
                fanOutFailure = e.toString();
                log("SSE fan-out failed: " + e);
            }
        }
        boolean appAlive = app.alive();
        try {
            correctness.check("end");
        } catch (Exception e) {
            log("Final correctness check failed to run: " + e);
        }
        long peakRss = app.peakRssMib();
        String heapNote = appHeapProblems();
        app.close();

        table.line("## dqms benchmark results");
        table.line("");
        table.line("- Machine: " + Machine.describe() + "; app, database and load generator share it.");
        table.line("- Database: " + databaseLine);
        table.line("- dqms: " + options.jar().getFileName() + ", -Xmx" + options.appHeap() + ", DATABASE_POOL_SIZE "
                + Installation.POOL_SIZE + " (production default), as dqms_app; " + options.pairs()
                + " interleaved pair(s) of pgbench and dqms runs, " + options.warmupSeconds() + " s warm-up + "
                + options.seconds() + " s measured per step"
                + (options.appEnvironment().isEmpty() ? "" : "; extra settings " + options.appEnvironment()) + ".");
        table.line("- Figures are medians over the pairs (min–max); p50/p99 are those of the median pair's "
                + "reported step.");
        table.line("");
        List<ResultTable.Operation> operations = new ArrayList<>();
        if (!joins.isEmpty()) {
            operations.add(new ResultTable.Operation("join", "≥ 0.6 × pgbench; p99 ≤ 20 ms at 0.7 × pgbench", 20, joins));
        }
        if (!calls.isEmpty()) {
            operations.add(new ResultTable.Operation("call-next", "≥ 0.5 × pgbench; 0 duplicates; p99 ≤ 25 ms", 25, calls));
        }
        if (!positions.isEmpty()) {
            operations.add(new ResultTable.Operation("position lookup", "≥ 5,000/s; p99 ≤ 10 ms", 10, positions));
        }
        table.operations(operations);
        table.line("");
        double joinP99At70 = joins.isEmpty()
                ? Double.NaN
                : ResultTable.median(joins, p -> p.dqms().first().step().p99Millis());
        if (!joins.isEmpty()) {
            table.line("- Join at " + (options.fixedRates().containsKey("join") ? "the fixed rate" : "0.7 × pgbench's rate")
                    + ": p99 " + ResultTable.fmt("%.1f ms", joinP99At70) + " (median over pairs; target ≤ 20 ms).");
        }
        if (fanOutFailure != null) {
            table.line("- SSE fan-out: FAILED, " + fanOutFailure + "; dqms " + (appAlive ? "still running" : "had exited")
                    + " (see target/run/dqms.log)." + appHeapProblems());
        }
        if (fanOut != null) {
        table.line("- SSE fan-out: " + fanOut.connected() + " of " + fanOut.subscribers() + " subscribers connected ("
                + Math.round(fanOut.subscribers() * options.sseBoardShare()) + " boards, the rest token streams), "
                + fanOut.droppedDuringRounds() + " dropped during the rounds; commit-to-client over "
                + fanOut.latency().getTotalCount() + " deliveries in " + fanOut.rounds() + " rounds: p50 "
                + ResultTable.fmt("%.0f ms", fanOut.latency().getValueAtPercentile(50) / 1000.0) + ", p99 "
                + ResultTable.fmt("%.0f ms", fanOut.latency().getValueAtPercentile(99) / 1000.0) + ", max "
                + ResultTable.fmt("%.0f ms", fanOut.latency().getMaxValue() / 1000.0) + "; " + fanOut.missed()
                + " expected events missing after 2 s; app heap in use up to " + fanOut.heapUsedMaxMib()
                + " MiB of -Xmx" + options.appHeap() + ", RSS " + fanOut.appRssMib() + " MiB (" + fanOut.note()
                + ").");
        }
        if (startups != null) {
            table.line("- Startup on the embedded database (not the first start), to ready; target ≤ 5 s: `java -jar`"
                    + " median " + startupLine(startups.jar()) + "; production launch (extracted jar, CDS archive;"
                    + " docs/DEPLOYMENT.md) median " + startupLine(startups.production()) + ".");
        }
        table.line("- App peak RSS (VmHWM) over the whole run: " + peakRss + " MiB." + heapNote);
        table.line("- Correctness under load: " + correctness.summary() + ".");
        for (String failure : correctness.failures()) {
            table.line("  - FAIL " + failure);
        }
        table.line("");
        table.line("### Targets");
        table.line("");
        table.line("| Target | Measured | |");
        table.line("|---|---|---|");
        if (!joins.isEmpty()) {
            double joinRatio = ResultTable.median(joins, ResultTable.Pair::ratio);
            verdict("Join ≥ 0.6 × pgbench", ResultTable.fmt("%.2f ×", joinRatio), joinRatio >= 0.6);
            verdict("Join p99 ≤ 20 ms at 0.7 × pgbench", ResultTable.fmt("%.1f ms", joinP99At70), joinP99At70 <= 20);
        }
        if (!calls.isEmpty()) {
            double callRatio = ResultTable.median(calls, ResultTable.Pair::ratio);
            verdict("Call-next ≥ 0.5 × pgbench", ResultTable.fmt("%.2f ×", callRatio), callRatio >= 0.5);
        }
        verdict("No token called twice; numbers gapless", correctness.failures().isEmpty() ? "none found" : "see above",
                correctness.failures().isEmpty());
        if (!positions.isEmpty()) {
            double positionRate = ResultTable.median(positions, p -> p.dqms().bestRate());
            verdict("Position lookup ≥ 5,000/s with p99 ≤ 10 ms", ResultTable.fmt("%,.0f/s", positionRate),
                    positionRate >= 5000);
        }
        if (fanOutFailure != null) {
            verdict("SSE: " + options.sseSubscribers() + " subscribers on one instance within -Xmx" + options.appHeap(),
                    "the fan-out failed", false);
        }
        if (fanOut != null) {
            double sseP99 = fanOut.latency().getValueAtPercentile(99) / 1000.0;
            boolean fanOutHeld = fanOut.connected() == fanOut.subscribers()
                    && fanOut.droppedDuringRounds() == 0
                    && !heapNote.contains("OutOfMemoryError lines");
            verdict("SSE: " + options.sseSubscribers() + " subscribers on one instance within -Xmx" + options.appHeap(),
                    fanOut.connected() + " connected, " + fanOut.droppedDuringRounds() + " dropped", fanOutHeld);
            boolean delivered = fanOut.latency().getTotalCount() > 0;
            verdict("SSE commit-to-client p99 ≤ 250 ms",
                    delivered ? ResultTable.fmt("%.0f ms", sseP99) + (fanOut.missed() > 0 ? ", " + fanOut.missed() + " missing" : "")
                            : "no event delivered",
                    delivered && sseP99 <= 250 && fanOut.missed() == 0);
        }
        if (startups != null) {
            Duration jar = median(startups.jar());
            verdict("Startup ≤ 5 s on the embedded database, `java -jar`", ResultTable.seconds(jar),
                    jar.toMillis() <= 5000);
            Duration production = median(startups.production());
            verdict("Startup ≤ 5 s on the embedded database, production launch", ResultTable.seconds(production),
                    production.toMillis() <= 5000);
        }
        table.line("");
        table.line("### Steps");
        table.line("");
        table.line("```");
        details.forEach(table::line);
        table.line("```");

        Path results = options.workDir().getParent().resolve("results.md");
        Files.write(results, table.lines());
        System.out.println();
        table.lines().forEach(System.out::println);
        System.out.println();
        System.out.println("Written to " + results + "; logs, pgbench output and statement profiles in "
                + options.workDir());
        return correctness.failures().isEmpty() ? 0 : 1;
    }

    /** One operation's search, bracketed by commit counts and a pg_stat_statements profile. */
    private record Ladder(RateSearch.Outcome outcome, double commitsPerOp) {}

    private Ladder ladder(String name, int pair, double start, double p99Target, RateSearch.Runner runner)
            throws Exception {
        database.resetStatementStatistics();
        long before = database.commits();
        RateSearch.Runner measuredStep = step -> {
            client.awaitResponsive(Duration.ofMinutes(2));
            RateSearch.Measured m = runner.run(step);
            OpenModelLoad.Step s = m.step();
            String line = String.format(
                    Locale.ROOT,
                    "%-10s pair %d %,7.0f/s offered, %,7.0f/s served: p50 %6.1f ms p99 %7.1f ms max %7.1f ms,"
                            + " errors %d, %s; RSS %d MiB -> %s",
                    name,
                    pair,
                    s.offeredRate(),
                    s.achievedRate(),
                    s.p50Millis(),
                    s.p99Millis(),
                    s.maxMillis(),
                    s.errors(),
                    s.cpu(),
                    m.rssMib(),
                    s.passes(p99Target) ? "within target" : "over target");
            log(line);
            details.add(line);
            Thread.sleep(1000);
            return m;
        };
        Double fixed = options.fixedRates().get(name);
        RateSearch.Outcome outcome = fixed != null
                ? RateSearch.fixed(fixed, p99Target, measuredStep)
                : RateSearch.search(start, p99Target, options.maxSteps(), measuredStep);
        // Idle backends report their last second of statistics 10 s later; and pgbench comes next.
        Thread.sleep(QUIET_SECONDS * 1000L);
        double perOp = outcome.succeeded() == 0 ? Double.NaN : (database.commits() - before) / (double) outcome.succeeded();
        writeProfile(name, pair);
        List<String> failures = correctness.check(name + " pair " + pair);
        log(name + ": highest rate within target " + ResultTable.fmt("%,.0f/s", outcome.bestRate()) + ", "
                + ResultTable.fmt("%.1f", perOp) + " commits per operation; correctness "
                + (failures.isEmpty() ? "PASS" : "FAIL " + failures));
        return new Ladder(outcome, perOp);
    }

    private RateSearch.Measured measured(OpenModelLoad.Step step) {
        return new RateSearch.Measured(step, app.rssMib());
    }

    private void warmUp(
            List<Long> callDepartments,
            Operations.DoctorPool pool,
            Operations.CallCounts counts,
            List<String> links)
            throws Exception {
        // The JIT compiles Spring's request path for a minute or more; until then a request costs
        // several times its steady-state CPU, and on a slow machine it takes longer. pgbench needs no
        // warm-up, so dqms is measured only once its compilers are (nearly) idle: after the first
        // round, shorter rounds follow until one spends at most JIT_SETTLED of its time compiling.
        int seconds = options.quick() ? 5 : 20;
        log("Warming up dqms (JIT, pools) for " + 3 * seconds + " s, then until the JIT settles; not measured");
        List<Long> departments = seeder.departments("warm-up", options.departments());
        AppMetrics metrics = new AppMetrics(client);
        int maxRounds = options.quick() ? 1 : 8;
        String line = null;
        for (int round = 0; line == null; round++) {
            long before = metrics.compilationMillis();
            long started = System.nanoTime();
            int roundSeconds = round == 0 ? seconds : Math.max(1, seconds / 4);
            warmUpRound(roundSeconds, departments, callDepartments, pool, counts, links);
            long roundMillis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            long after = metrics.compilationMillis();
            if (before < 0 || after < 0) {
                line = "Warm-up: the app's compile time could not be read; measuring after " + round + " more round(s)";
                continue;
            }
            long compiling = after - before;
            // Both compilers' threads count, so a busy round can exceed 100 % of one core.
            String last = compiling + " ms of compiling in the last round's " + String.format(
                    Locale.ROOT, "%.1f s (%.1f%% of a core)", roundMillis / 1000.0, 100.0 * compiling / roundMillis);
            if (compiling <= JIT_SETTLED * roundMillis) {
                line = "Warm-up: the JIT settled after " + round + " more round(s): " + last;
            } else if (round == maxRounds) {
                line = "Warm-up: the JIT was still compiling after " + round + " more round(s), measuring anyway: "
                        + last;
            }
        }
        log(line);
        details.add(line);
        List<String> failures = correctness.check("warm-up");
        if (!failures.isEmpty()) {
            log("Correctness FAIL during warm-up: " + failures);
        }
    }

    /** Each operation for the given seconds, at rates every machine so far has served. */
    private void warmUpRound(
            int seconds,
            List<Long> departments,
            List<Long> callDepartments,
            Operations.DoctorPool pool,
            Operations.CallCounts counts,
            List<String> links)
            throws Exception {
        load.run("join", 150, 0, seconds, Operations.join(client, departments, patients));
        stock.topUp(callDepartments, (int) Math.ceil(80.0 * seconds * 3 / options.doctors() * 1.25) + 20);
        load.run("call-next", 80, 0, seconds, Operations.callNext(client, pool, correctness, counts));
        pool.awaitIdle(options.doctors(), 30_000);
        load.run("position", 400, 0, seconds, Operations.position(client, links));
    }

    private SseFanOut.Result fanOut(
            List<Long> departments, List<Seeder.Doctor> doctors, Operations.DoctorPool pool) throws Exception {
        int boards = (int) Math.round(options.sseSubscribers() * options.sseBoardShare());
        int perDepartment = (options.sseSubscribers() - boards + departments.size() - 1) / departments.size();
        pool.awaitIdle(doctors.size(), 30_000);
        stock.topUp(departments, perDepartment + options.sseRounds() + 10);
        Map<Long, List<String>> links = new LinkedHashMap<>();
        Map<Long, Seeder.Doctor> callers = new LinkedHashMap<>();
        for (long department : departments) {
            links.put(
                    department,
                    database
                            .rows("SELECT public_id FROM dqms.token WHERE status = 'WAITING' AND department_id = "
                                    + department + " ORDER BY joined_at, id")
                            .stream()
                            .map(r -> r.get(0))
                            .toList());
            callers.put(
                    department,
                    doctors.stream()
                            .filter(doc -> doc.departmentId() == department)
                            .findFirst()
                            .orElseThrow());
        }
        log("SSE fan-out: opening " + options.sseSubscribers() + " event streams, then " + options.sseRounds()
                + " rounds of calls");
        SseFanOut.Result result = new SseFanOut(client)
                .run(
                        options.sseSubscribers(),
                        options.sseBoardShare(),
                        options.sseRounds(),
                        links,
                        callers,
                        app::rssMib,
                        correctness::called,
                        this::heapHistogram);
        log(String.format(
                Locale.ROOT,
                "SSE: %d/%d connected, %d dropped, p50 %.0f ms, p99 %.0f ms, max %.0f ms, %d missing; heap %d MiB",
                result.connected(),
                result.subscribers(),
                result.droppedDuringRounds(),
                result.latency().getValueAtPercentile(50) / 1000.0,
                result.latency().getValueAtPercentile(99) / 1000.0,
                result.latency().getMaxValue() / 1000.0,
                result.missed(),
                result.heapUsedMaxMib()));
        return result;
    }

    /** What fills dqms' heap with all streams open: jcmd's class histogram, kept in target/run. */
    private void heapHistogram() {
        try {
            Process jcmd = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                            Long.toString(app.pid()),
                            "GC.class_histogram")
                    .redirectErrorStream(true)
                    .redirectOutput(options.workDir().resolve("heap-histogram-sse.txt").toFile())
                    .start();
            jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // Only a diagnostic.
        }
    }

    private StartupTime.Starts measureStartup() throws Exception {
        log("Startup on the embedded database: a first start (extraction, initdb; not counted), the production"
                + " launch prepared (extract, training run), then timed starts of `java -jar` and of the production"
                + " launch in turn");
        StartupTime.Starts measured = StartupTime.measure(options, options.quick() ? 1 : 3);
        log("Startup, java -jar: " + String.join(", ", measured.jar().stream().map(ResultTable::seconds).toList()));
        log("Startup, production launch: "
                + String.join(", ", measured.production().stream().map(ResultTable::seconds).toList()));
        return measured;
    }

    private static Duration median(List<Duration> durations) {
        return durations.stream().sorted().toList().get(durations.size() / 2);
    }

    private static String startupLine(List<Duration> durations) {
        return ResultTable.seconds(median(durations)) + " (all: "
                + String.join(", ", durations.stream().map(ResultTable::seconds).toList()) + ")";
    }

    /**
     * Waiting tokens per department for a call-next run at {@code rate}: what the department with
     * the most doctors consumes over the warm-up and measurement, plus three quarters, plus 20.
     */
    private int depth(double rate, int departments, int doctors) {
        double busiest = Math.ceil(doctors / (double) departments) / doctors;
        // pgbench's rate swings by half between pairs, and the next pair's queues are sized from the last.
        return (int) Math.ceil(rate * (options.warmupSeconds() + options.seconds()) * busiest * 1.75) + 20;
    }

    private static double perTransaction(Pgbench.Run run) {
        return run.transactions() == 0 ? Double.NaN : run.commits() / (double) run.transactions();
    }

    /** pgbench's scripts address departments and doctors as base + offset, so ids must run in order. */
    private static List<Long> contiguous(List<Long> ids) {
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i) != ids.get(0) + i) {
                throw new IllegalStateException("ids are not contiguous: " + ids);
            }
        }
        return ids;
    }

    private void logPgbench(String what, Pgbench.Run run) {
        String line = String.format(
                Locale.ROOT,
                "pgbench %s: %,.0f/s with %d clients (%,d transactions, %d failed)%s",
                what,
                run.tps(),
                run.clients(),
                run.transactions(),
                run.failed(),
                run.problem() == null ? "" : " PROBLEM: " + run.problem());
        log(line);
        details.add(line);
    }

    private void verdict(String target, String measured, boolean met) {
        table.line("| " + target + " | " + measured + " | " + (met ? "met" : "**missed**") + " |");
    }

    /** OutOfMemoryError or dropped streams in the app's log, if any. */
    private String appHeapProblems() {
        try (Stream<String> lines = Files.lines(app.log())) {
            long oom = lines.filter(l -> l.contains("OutOfMemoryError")).count();
            return oom == 0 ? " No OutOfMemoryError in the app's log." : " " + oom + " OutOfMemoryError lines in the app's log!";
        } catch (IOException e) {
            return "";
        }
    }

    private void writeProfile(String name, int pair) throws Exception {
        if (!database.hasStatementStatistics()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("calls | total ms | mean ms | plans | planning ms | statement");
        for (List<String> row : database.topStatements(15)) {
            lines.add(String.join(" | ", row));
        }
        Files.write(options.workDir().resolve("statements-" + name + "-pair" + pair + ".txt"), lines);
    }

    private void prepareWorkDir() throws IOException {
        Path dir = options.workDir();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }

    private static void log(String line) {
        System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
        System.out.flush();
    }
}
