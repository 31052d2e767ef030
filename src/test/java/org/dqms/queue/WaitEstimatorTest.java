package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The wait estimate's formula, with exact numbers. */
class WaitEstimatorTest {

    private final WaitEstimator estimator = new WaitEstimator(0.2);

    @Test
    void aheadTimesServiceTimeDividedByDoctors() {
        WaitEstimate estimate = estimator.estimate(new WaitEstimator.Inputs(4, 2, List.of(), 6, List.of()));

        // 4 × 6 ÷ 2 = 12; upper with 1.5 × 6 = 9 min: 4 × 9 ÷ 2 = 18.
        assertThat(estimate.likelyMinutes()).isEqualTo(12);
        assertThat(estimate.upperMinutes()).isEqualTo(18);
        assertThat(estimate.explanation()).isEqualTo("4 ahead · 2 doctors on duty · about 6 min each");
        assertThat(estimate.inputs().serviceTimeSource()).isEqualTo("doctors' usual consultation time");
    }

    @Test
    void movingAverageStartsFromTheUsualTimeAndWeighsEachConsultation() {
        // 10 → 0.2 × 5 + 0.8 × 10 = 9 → 0.2 × 20 + 0.8 × 9 = 11.2
        assertThat(estimator.movingAverage(List.of(5.0, 20.0), 10)).isCloseTo(11.2, within(1e-9));
        assertThat(estimator.movingAverage(List.of(), 10)).isEqualTo(10);
    }

    @Test
    void rangeUsesTheNinetiethPercentileOnceThereAreFiveConsultations() {
        List<Double> recent = List.of(4.0, 6.0, 5.0, 7.0, 12.0, 6.0, 5.0, 6.0, 5.0, 6.0);
        double service = estimator.movingAverage(recent, 6);

        WaitEstimate estimate = estimator.estimate(new WaitEstimator.Inputs(3, 1, recent, 6, List.of()));

        // Nearest rank: the 9th of 10 sorted values (4,5,5,5,6,6,6,6,7,12) is 7.
        assertThat(WaitEstimator.percentile(recent, 0.9)).isEqualTo(7.0);
        assertThat(estimate.likelyMinutes()).isEqualTo((int) Math.round(3 * service));
        assertThat(estimate.upperMinutes()).isEqualTo(21);
        assertThat(estimate.inputs().recentConsultations()).isEqualTo(10);
        assertThat(estimate.inputs().serviceTimeSource()).isEqualTo("recent consultations");
    }

    @Test
    void timeAlreadySpentOnCurrentConsultationsIsTakenOff() {
        // Two being seen, 4 and 10 minutes in, at 6 min each: (2 + 2) × 6 − (4 + 6) = 14, over 2 doctors = 7.
        WaitEstimate estimate = estimator.estimate(new WaitEstimator.Inputs(2, 2, List.of(), 6, List.of(4.0, 10.0)));

        assertThat(estimate.likelyMinutes()).isEqualTo(7);
        // Upper at 9 min: (4 × 9 − (4 + 9)) ÷ 2 = 11.5 → 12.
        assertThat(estimate.upperMinutes()).isEqualTo(12);
        assertThat(estimate.explanation()).isEqualTo("2 ahead · 2 doctors on duty · about 6 min each · 2 being seen");
        assertThat(estimate.inputs().minutesAlreadySpent()).isEqualTo(14.0);
    }

    @Test
    void fractionalDoctorsCount() {
        // A doctor shared by two departments counts ½ in each: 3 × 10 ÷ 1.5 = 20.
        WaitEstimate estimate = estimator.estimate(new WaitEstimator.Inputs(3, 1.5, List.of(), 10, List.of()));

        assertThat(estimate.likelyMinutes()).isEqualTo(20);
        assertThat(estimate.upperMinutes()).isEqualTo(30);
        assertThat(estimate.explanation()).isEqualTo("3 ahead · 1.5 doctors on duty · about 10 min each");
    }

    @Test
    void oneDoctorIsSingular() {
        WaitEstimate estimate = estimator.estimate(new WaitEstimator.Inputs(1, 1, List.of(), 8, List.of()));

        assertThat(estimate.explanation()).isEqualTo("1 ahead · 1 doctor on duty · about 8 min each");
        assertThat(estimate.likelyMinutes()).isEqualTo(8);
        assertThat(estimate.upperMinutes()).isEqualTo(12);
    }

    @Test
    void noDoctorOnDutyGivesNoNumber() {
        WaitEstimate estimate = estimator.estimate(new WaitEstimator.Inputs(4, 0, List.of(), 6, List.of()));

        assertThat(estimate.likelyMinutes()).isNull();
        assertThat(estimate.upperMinutes()).isNull();
        assertThat(estimate.hasNumbers()).isFalse();
        assertThat(estimate.explanation()).isEqualTo("4 ahead · no doctor on duty");
    }

    @Test
    void nextInLineWithFreeDoctorsWaitsNothing() {
        WaitEstimate estimate = estimator.estimate(new WaitEstimator.Inputs(0, 2, List.of(), 6, List.of()));

        assertThat(estimate.likelyMinutes()).isZero();
        assertThat(estimate.upperMinutes()).isZero();
        assertThat(estimate.explanation()).isEqualTo("no one ahead · 2 doctors on duty · about 6 min each");
    }

    @Test
    void upperIsNeverBelowLikely() {
        // Recent consultations all shorter than the moving average, which still remembers the usual 30.
        WaitEstimate estimate =
                estimator.estimate(new WaitEstimator.Inputs(5, 1, List.of(2.0, 2.0, 2.0, 2.0, 2.0), 30, List.of()));

        assertThat(estimate.upperMinutes()).isGreaterThanOrEqualTo(estimate.likelyMinutes());
        assertThat(estimate.inputs().upperServiceMinutes())
                .isEqualTo(estimate.inputs().serviceMinutes());
    }
}
