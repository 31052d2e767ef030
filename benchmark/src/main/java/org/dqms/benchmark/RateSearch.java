package org.dqms.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the highest rate at which an operation stays within its target: the first step runs at the
 * rate the target is stated for; while steps pass the rate goes up by a quarter, while they fail it
 * is halved, or set to 90 % of what the failed step served if that is lower (cut to a tenth after a
 * step that served less than a tenth of its rate); then up to two steps bisect between the last
 * passing and the first failing rate, while they are more than 12 % apart. A step passes when its p99 is within the
 * target, it had no errors, and it served at least 95 % of the offered rate.
 */
final class RateSearch {

    /** Runs one step at the given rate. */
    interface Runner {
        Measured run(double rate) throws Exception;
    }

    /** A step with what was sampled around it. */
    record Measured(OpenModelLoad.Step step, long rssMib) {}

    /** The steps, the highest one that passed (null if none did), and all operations that succeeded. */
    record Outcome(List<Measured> steps, Measured best, Measured first, long succeeded) {

        double bestRate() {
            return best == null ? 0 : best.step().offeredRate();
        }

        long errors() {
            return steps.stream().mapToLong(m -> m.step().errors()).sum();
        }

        long maxRss() {
            return steps.stream().mapToLong(Measured::rssMib).max().orElse(0);
        }
    }

    /** Steps between the last passing and the first failing rate, each halving the gap. */
    static final int MAX_BISECTIONS = 2;

    private RateSearch() {}

    private static boolean collapsed(Measured m) {
        return m.step().achievedRate() < 0.1 * m.step().offeredRate();
    }

    /** One step at a given rate, no search: for profiling at a known rate (BENCH_RATES). */
    static Outcome fixed(double rate, double p99TargetMillis, Runner runner) throws Exception {
        Measured only = runner.run(rate);
        return new Outcome(
                List.of(only), only.step().passes(p99TargetMillis) ? only : null, only, only.step().succeeded());
    }

    static Outcome search(double start, double p99TargetMillis, int maxSteps, Runner runner) throws Exception {
        List<Measured> steps = new ArrayList<>();
        Measured first = runner.run(start);
        steps.add(first);
        Measured best = null;
        Measured failed = null;
        if (first.step().passes(p99TargetMillis)) {
            best = first;
            double rate = start;
            while (steps.size() < maxSteps) {
                rate *= 1.25;
                Measured next = runner.run(rate);
                steps.add(next);
                if (!next.step().passes(p99TargetMillis)) {
                    failed = next;
                    break;
                }
                best = next;
            }
        } else {
            failed = first;
            double rate = start;
            // Until something passes, three more steps than usual, down to 20/s. A step that served
            // less than a tenth of its rate collapsed: the next one tries a tenth of the rate, and
            // after two collapses in a row the search gives up (a server that is stuck gains
            // nothing from a slow descent, and each collapsed step takes long to drain).
            boolean collapsed = collapsed(first);
            Measured last = first;
            while (steps.size() < maxSteps + 3 && rate > 20) {
                // What the failed step served is the better guess of the capacity, when lower.
                rate = collapsed
                        ? rate * 0.1
                        : Math.min(rate * 0.5, Math.max(rate * 0.1, last.step().achievedRate() * 0.9));
                Measured next = runner.run(rate);
                last = next;
                steps.add(next);
                if (next.step().passes(p99TargetMillis)) {
                    best = next;
                    break;
                }
                failed = next;
                if (collapsed && collapsed(next)) {
                    break;
                }
                collapsed = collapsed(next);
            }
        }
        for (int bisections = 0;
                best != null && failed != null && bisections < MAX_BISECTIONS && steps.size() < maxSteps + 5;
                bisections++) {
            double low = best.step().offeredRate();
            double high = failed.step().offeredRate();
            if (high / low <= 1.12) {
                break;
            }
            Measured middle = runner.run(Math.sqrt(low * high));
            steps.add(middle);
            if (middle.step().passes(p99TargetMillis)) {
                best = middle;
            } else {
                failed = middle;
            }
        }
        long succeeded = 0;
        for (Measured m : steps) {
            succeeded += m.step().succeeded();
        }
        return new Outcome(steps, best, first, succeeded);
    }
}
