package org.dqms.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The result: one table, medians over the pairs of runs, then fan-out, startup and correctness. */
final class ResultTable {

    /** One operation in one pair: pgbench's run, dqms' search, and commits per operation of each. */
    record Pair(Pgbench.Run pgbench, RateSearch.Outcome dqms, double dqmsCommitsPerOp, double pgbenchCommitsPerOp) {

        double ratio() {
            return pgbench == null || pgbench.tps() <= 0 ? Double.NaN : dqms.bestRate() / pgbench.tps();
        }
    }

    /** An operation's pairs and its target. */
    record Operation(String name, String target, double p99TargetMillis, List<Pair> pairs) {}

    private final List<String> lines = new ArrayList<>();

    void line(String text) {
        lines.add(text);
    }

    List<String> lines() {
        return lines;
    }

    void operations(List<Operation> operations) {
        line("| Operation | dqms ops/s (p99 within target) | pgbench ops/s | ratio | target | p50 | p99 | errors"
                + " | commits/op dqms (pgbench) | app RSS | CPU at that rate |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Operation op : operations) {
            Pair median = medianPair(op.pairs());
            OpenModelLoad.Step best = median.dqms().best() == null ? null : median.dqms().best().step();
            line("| " + op.name()
                    + " | " + range(op.pairs(), p -> p.dqms().bestRate(), "%,.0f")
                    + " | " + range(op.pairs(), p -> p.pgbench() == null ? Double.NaN : p.pgbench().tps(), "%,.0f")
                    + " | " + range(op.pairs(), Pair::ratio, "%.2f")
                    + " | " + op.target()
                    + " | " + (best == null ? "–" : fmt("%.1f ms", best.p50Millis()))
                    + " | " + (best == null ? "–" : fmt("%.1f ms", best.p99Millis()))
                    + " | " + op.pairs().stream().mapToLong(p -> p.dqms().errors()).sum() + " in all steps"
                    + " | " + fmt("%.1f", median(op.pairs(), Pair::dqmsCommitsPerOp)) + " ("
                    + fmt("%.1f", median(op.pairs(), Pair::pgbenchCommitsPerOp)) + ")"
                    + " | " + op.pairs().stream().mapToLong(p -> p.dqms().maxRss()).max().orElse(0) + " MiB"
                    + " | " + (best == null ? "–" : best.cpu())
                    + " |");
        }
    }

    /** The pair whose dqms rate is the median one (the lower middle for an even count). */
    static Pair medianPair(List<Pair> pairs) {
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparingDouble(p -> p.dqms().bestRate()));
        return sorted.get((sorted.size() - 1) / 2);
    }

    static double median(List<Pair> pairs, ToDoubleFunction<Pair> value) {
        double[] values = pairs.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    /** "median (min–max)" over the pairs, or just the value for one pair. */
    static String range(List<Pair> pairs, ToDoubleFunction<Pair> value, String format) {
        double[] values = pairs.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return "–";
        }
        String median = fmt(format, median(pairs, value));
        return values.length == 1
                ? median
                : median + " (" + fmt(format, values[0]) + "–" + fmt(format, values[values.length - 1]) + ")";
    }

    static String fmt(String format, double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}
