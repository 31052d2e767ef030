package org.dqms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The search for the highest rate within target, against a server whose capacity is known: it
 * never reports a rate that failed, reports the highest that passed, and ends within its step budget.
 */
class RateSearchTest {

    private static final double P99_TARGET_MILLIS = 25;
    private static final int MAX_STEPS = 5;

    /**
     * A server that serves up to {@code capacity} a second with p99 2 ms, and beyond it serves only
     * its capacity, with p99 80 ms; {@code rates} records each step's offered rate.
     */
    private static RateSearch.Runner server(double capacity, List<Double> rates) {
        return rate -> {
            rates.add(rate);
            boolean within = rate <= capacity;
            Histogram latency = new Histogram(3);
            latency.recordValueWithCount(within ? 2_000 : 80_000, 100);
            double served = within ? rate : capacity;
            OpenModelLoad.Step step = new OpenModelLoad.Step(
                    "op", rate, served, (long) (served * 8), 0, (long) (served * 8), latency, 8, 0, 0, 0, false);
            return new RateSearch.Measured(step, 400);
        };
    }

    @Test
    void climbsByAQuarterThenBisectsBetweenTheLastPassAndTheFirstFailure() throws Exception {
        List<Double> rates = new ArrayList<>();

        RateSearch.Outcome outcome = RateSearch.search(400, P99_TARGET_MILLIS, MAX_STEPS, server(700, rates));

        // 400, 500, 625 pass; 781 fails; the bisection tries 699, which passes and ends the search
        // (699 and 781 are within 12 % of each other).
        assertThat(rates).hasSize(5);
        assertThat(rates.subList(0, 4)).containsExactly(400.0, 500.0, 625.0, 781.25);
        assertThat(outcome.bestRate()).isEqualTo(Math.sqrt(625 * 781.25));
        assertThat(outcome.bestRate()).isBetween(700 / 1.12, 700.0);
    }

    @Test
    void aFailedFirstStepDescendsToWhatTheServerServed() throws Exception {
        List<Double> rates = new ArrayList<>();

        RateSearch.Outcome outcome = RateSearch.search(1_000, P99_TARGET_MILLIS, MAX_STEPS, server(300, rates));

        // The first step served 300 of 1,000: the next tries 90 % of that, then two bisections.
        assertThat(rates.get(1)).isEqualTo(270.0);
        assertThat(rates).hasSize(4);
        assertThat(outcome.bestRate()).isEqualTo(270.0);
        assertThat(outcome.first().step().offeredRate()).isEqualTo(1_000.0);
    }

    @Test
    void aServerThatServesNothingEndsTheSearchAfterTwoCollapsedSteps() throws Exception {
        List<Double> rates = new ArrayList<>();

        RateSearch.Outcome outcome = RateSearch.search(1_000, P99_TARGET_MILLIS, MAX_STEPS, server(0, rates));

        assertThat(rates).containsExactly(1_000.0, 100.0);
        assertThat(outcome.best()).isNull();
        assertThat(outcome.bestRate()).isZero();
    }

    @Property(tries = 300)
    void neverReportsARateAboveWhatTheServerServesWithinTarget(
            @ForAll @IntRange(min = 1, max = 50_000) int capacity, @ForAll @IntRange(min = 20, max = 50_000) int start)
            throws Exception {
        List<Double> rates = new ArrayList<>();

        RateSearch.Outcome outcome = RateSearch.search(start, P99_TARGET_MILLIS, MAX_STEPS, server(capacity, rates));

        assertThat(rates).hasSizeLessThanOrEqualTo(MAX_STEPS + 5);
        assertThat(outcome.bestRate()).isLessThanOrEqualTo(capacity);
        // The best is the highest rate that passed: every step above it failed.
        assertThat(rates).filteredOn(rate -> rate > outcome.bestRate()).allMatch(rate -> rate > capacity);
        if (start <= capacity) {
            assertThat(outcome.bestRate()).isGreaterThanOrEqualTo(start);
        }
    }
}
