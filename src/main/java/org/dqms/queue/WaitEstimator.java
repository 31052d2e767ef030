package org.dqms.queue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The wait estimate as a formula, without the database.
 *
 * <pre>
 * likely = ((ahead + beingSeen) × S − Σ min(spent, S)) ÷ doctorsOnDuty
 * upper  = the same with S90 in place of S
 * </pre>
 *
 * S, the recent service time, is an exponentially weighted moving average of the department's
 * latest consultations ({@code completed_at − started_at}), oldest first, starting from the doctors'
 * usual consultation time; each consultation weighs {@code serviceTimeWeight}
 * ({@code DQMS_QUEUE_SERVICE_TIME_WEIGHT}). With no consultation yet S is that usual time. S90 is the
 * 90th percentile of those consultations once there are {@value #MIN_CONSULTATIONS_FOR_PERCENTILE},
 * and 1.5 × S before that; never less than S. The patients being seen count as ahead, less the time
 * they have already spent with a doctor. With no doctor on duty there is no number, only the words.
 */
final class WaitEstimator {

    static final int MIN_CONSULTATIONS_FOR_PERCENTILE = 5;
    static final double UPPER_FACTOR_WITHOUT_PERCENTILE = 1.5;

    /**
     * What an estimate needs.
     *
     * @param recentMinutes minutes of the latest completed consultations, oldest first
     * @param usualMinutes the doctors' configured consultation time, when there is no history
     * @param minutesSpent for each patient being seen, the minutes already spent with the doctor
     */
    record Inputs(
            int ahead,
            double doctorsOnDuty,
            List<Double> recentMinutes,
            double usualMinutes,
            List<Double> minutesSpent) {

        Inputs {
            recentMinutes = List.copyOf(recentMinutes);
            minutesSpent = List.copyOf(minutesSpent);
        }
    }

    private final double weight;

    WaitEstimator(double weight) {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("weight must be in (0, 1]");
        }
        this.weight = weight;
    }

    WaitEstimate estimate(Inputs in) {
        double service = movingAverage(in.recentMinutes(), in.usualMinutes());
        double upperService = Math.max(service, upperServiceTime(in.recentMinutes(), service));
        int beingSeen = in.minutesSpent().size();
        double spent = in.minutesSpent().stream().mapToDouble(m -> m).sum();
        WaitEstimate.Inputs inputs = new WaitEstimate.Inputs(
                in.ahead(),
                beingSeen,
                round1(in.doctorsOnDuty()),
                round1(service),
                round1(upperService),
                round1(spent),
                in.recentMinutes().size(),
                in.recentMinutes().isEmpty() ? "doctors' usual consultation time" : "recent consultations");
        if (in.doctorsOnDuty() <= 0) {
            return new WaitEstimate(null, null, explanation(in.ahead(), 0, service, beingSeen), inputs);
        }
        double likely = minutes(in.ahead(), service, in.minutesSpent(), in.doctorsOnDuty());
        double upper = minutes(in.ahead(), upperService, in.minutesSpent(), in.doctorsOnDuty());
        int likelyMinutes = (int) Math.round(likely);
        int upperMinutes = Math.max(likelyMinutes, (int) Math.ceil(upper - 1e-9));
        return new WaitEstimate(
                likelyMinutes, upperMinutes, explanation(in.ahead(), in.doctorsOnDuty(), service, beingSeen), inputs);
    }

    /** The EWMA of {@code oldestFirst}, starting from {@code start}. */
    double movingAverage(List<Double> oldestFirst, double start) {
        double average = start;
        for (double minutes : oldestFirst) {
            average = weight * minutes + (1 - weight) * average;
        }
        return average;
    }

    /** The nearest-rank percentile {@code p} (0–1] of the values. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static double upperServiceTime(List<Double> recent, double service) {
        return recent.size() >= MIN_CONSULTATIONS_FOR_PERCENTILE
                ? percentile(recent, 0.9)
                : service * UPPER_FACTOR_WITHOUT_PERCENTILE;
    }

    private static double minutes(int ahead, double service, List<Double> spent, double doctors) {
        double alreadyDone =
                spent.stream().mapToDouble(m -> Math.min(m, service)).sum();
        double work = (ahead + spent.size()) * service - alreadyDone;
        return Math.max(0, work / doctors);
    }

    static String explanation(int ahead, double doctors, double service, int beingSeen) {
        List<String> parts = new ArrayList<>();
        parts.add(ahead == 0 ? "no one ahead" : ahead + " ahead");
        if (doctors <= 0) {
            parts.add("no doctor on duty");
        } else {
            String count = number(doctors);
            parts.add(count + (count.equals("1") ? " doctor on duty" : " doctors on duty"));
            parts.add("about " + Math.max(1, Math.round(service)) + " min each");
        }
        if (beingSeen > 0) {
            parts.add(beingSeen + " being seen");
        }
        return String.join(" · ", parts);
    }

    /** 2 for two doctors, 1.5 for one and a half. */
    private static String number(double value) {
        double rounded = round1(value);
        return rounded == Math.rint(rounded)
                ? Long.toString((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
