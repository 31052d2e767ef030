package org.dqms.queue;

/**
 * How long a waiting patient will probably wait, as a range, with the inputs in plain words.
 *
 * @param likelyMinutes the likely wait; null when no doctor is on duty
 * @param upperMinutes the wait that is rarely exceeded; null when no doctor is on duty
 * @param explanation e.g. {@code 4 ahead · 2 doctors on duty · about 6 min each}
 */
record WaitEstimate(Integer likelyMinutes, Integer upperMinutes, String explanation, Inputs inputs) {

    /**
     * What the estimate was computed from.
     *
     * @param ahead waiting patients who will be called first
     * @param beingSeen patients of the department called or with a doctor now
     * @param doctorsOnDuty doctors on duty for the department; one serving n departments counts 1/n
     * @param serviceMinutes the recent service time: a moving average of recent consultations
     * @param upperServiceMinutes the service time used for the upper end of the range
     * @param minutesAlreadySpent minutes the patients being seen have already spent with a doctor
     * @param recentConsultations how many recent consultations the service times come from
     * @param serviceTimeSource {@code recent consultations} or {@code doctors' usual consultation time}
     */
    record Inputs(
            int ahead,
            int beingSeen,
            double doctorsOnDuty,
            double serviceMinutes,
            double upperServiceMinutes,
            double minutesAlreadySpent,
            int recentConsultations,
            String serviceTimeSource) {}

    boolean hasNumbers() {
        return likelyMinutes != null;
    }
}
