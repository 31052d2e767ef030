package org.dqms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The results table reports each figure as the median over the pairs with its range, the ratio as
 * the median of each pair's own ratio, and p50 and p99 of the median pair's best step.
 */
class ResultTableTest {

    /** A pair whose dqms search passed at {@code dqmsRate} with the given p99, against pgbench at {@code tps}. */
    private static ResultTable.Pair pair(double dqmsRate, double tps, long p99Micros, long errors, double commits) {
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(1_000, 98);
        latency.recordValueWithCount(p99Micros, 2);
        OpenModelLoad.Step step = new OpenModelLoad.Step(
                "op", dqmsRate, dqmsRate, 100, errors, 100, latency, 8, 0, 0, 0, false);
        RateSearch.Measured measured = new RateSearch.Measured(step, 400 + (long) dqmsRate / 100);
        RateSearch.Outcome outcome = new RateSearch.Outcome(List.of(measured), measured, measured, 100);
        Pgbench.Run run = new Pgbench.Run("join.sql", 10, tps, 1_000, 0, null, 1_000);
        return new ResultTable.Pair(run, outcome, commits, 1.0);
    }

    @Test
    void aRowHoldsMediansRangesAndTheMedianPairsLatencies() {
        ResultTable table = new ResultTable();
        List<ResultTable.Pair> pairs = List.of(
                pair(900, 3_000, 9_000, 0, 2.2),
                pair(1_200, 4_000, 12_000, 1, 2.0),
                pair(1_000, 5_000, 10_000, 2, 2.1));

        table.operations(List.of(new ResultTable.Operation("join", "≥ 0.6 × pgbench", 20, pairs)));

        // Ratios per pair: 0.30, 0.30, 0.20; the median pair by dqms rate is the one at 1,000/s.
        assertThat(table.lines().get(2))
                .startsWith("| join | 1,000 (900–1,200) | 4,000 (3,000–5,000) | 0.30 (0.20–0.30)"
                        + " | ≥ 0.6 × pgbench | 1.0 ms | 10.0 ms | 3 in all steps | 2.1 (1.0) | 412 MiB |");
    }

    @Test
    void aPairWithoutAPassingStepOrAPgbenchRunShowsDashes() {
        ResultTable table = new ResultTable();
        ResultTable.Pair failed = new ResultTable.Pair(
                null, new RateSearch.Outcome(List.of(), null, null, 0), Double.NaN, Double.NaN);

        table.operations(List.of(new ResultTable.Operation("call-next", "≥ 0.5 × pgbench", 25, List.of(failed))));

        assertThat(table.lines().get(2))
                .isEqualTo("| call-next | 0 | – | – | ≥ 0.5 × pgbench | – | – | 0 in all steps | – (–) | 0 MiB | – |");
    }

    @Test
    void anEvenNumberOfPairsTakesTheMeanOfTheMiddleTwo() {
        List<ResultTable.Pair> pairs = List.of(pair(100, 1_000, 5_000, 0, 2), pair(300, 1_000, 5_000, 0, 4));

        assertThat(ResultTable.median(pairs, p -> p.dqms().bestRate())).isEqualTo(200);
        assertThat(ResultTable.medianPair(pairs).dqms().bestRate()).isEqualTo(100);
        assertThat(ResultTable.range(pairs, ResultTable.Pair::ratio, "%.2f")).isEqualTo("0.20 (0.10–0.30)");
    }
}
