package org.dqms.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What every waiting token's estimate in a department shares; only the number ahead differs. Read
 * once ({@link EstimateInputs}), it prices a whole queue.
 *
 * @param due booked appointments not yet checked in: each one due before a patient's turn will
 *     take a place ahead of them, so it counts as one more ahead
 */
record EstimateBasis(
        WaitEstimator estimator,
        double doctorsOnDuty,
        List<Double> recentMinutes,
        double usualMinutes,
        List<Double> minutesSpent,
        Instant now,
        List<Instant> due) {

    WaitEstimate estimate(int ahead) {
        WaitEstimate queueOnly = estimateWith(ahead);
        if (due.isEmpty() || !queueOnly.hasNumbers()) {
            return queueOnly;
        }
        Instant turn = now.plus(Duration.ofMinutes(queueOnly.likelyMinutes()));
        long dueBefore = due.stream().filter(at -> !at.isAfter(turn)).count();
        return dueBefore == 0 ? queueOnly : estimateWith(ahead + (int) dueBefore);
    }

    private WaitEstimate estimateWith(int ahead) {
        return estimator.estimate(
                new WaitEstimator.Inputs(ahead, doctorsOnDuty, recentMinutes, usualMinutes, minutesSpent));
    }
}
