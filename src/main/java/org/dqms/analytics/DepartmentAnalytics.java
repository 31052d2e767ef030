package org.dqms.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a department's tokens of a date range add up to. Minutes are rounded to one decimal and
 * shares (0 to 1) to three; a figure without any token to measure is null.
 *
 * @param issuedByChannel tokens issued, for every channel
 * @param outcomes tokens that ended, for every final status: a patient referred elsewhere after their
 *     consultation ended TRANSFERRED, not COMPLETED
 * @param waitMinutes from joining to being called, over the tokens that were called
 * @param consultationMinutes from the start to the end of the consultation
 * @param withinTargetShare the share of called tokens that waited no longer than the department's target
 * @param throughput consultations completed per local weekday and hour (also those of patients then
 *     referred), only the hours that had any
 * @param estimateAccuracy the wait quoted at joining against the wait the patient had
 * @param doctors each doctor of the department (or the one asked for): time on duty, time in
 *     consultation and their ratio, over the range's local days up to now
 */
// Nulls are kept, unlike elsewhere in the API: a figure without data is part of the answer, and
// every answer having the same keys keeps charts simple.
@JsonInclude(JsonInclude.Include.ALWAYS)
record DepartmentAnalytics(
        long departmentId,
        LocalDate from,
        LocalDate to,
        Map<String, Long> issuedByChannel,
        Map<String, Long> outcomes,
        Minutes waitMinutes,
        Minutes consultationMinutes,
        BigDecimal withinTargetShare,
        List<HourCell> throughput,
        EstimateAccuracy estimateAccuracy,
        List<DoctorUtilisation> doctors) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Minutes(BigDecimal mean, BigDecimal median, BigDecimal p90) {}

    /** One hour of one weekday; weekday 1 is Monday, hour 0 to 23 in the department's time zone. */
    record HourCell(int weekday, int hour, long completed) {}

    /**
     * @param meanAbsoluteErrorMinutes how far the actual wait was from the likely wait quoted
     * @param withinRangeShare the share of waits between the likely and the upper wait quoted, the
     *     range the patient was shown
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EstimateAccuracy(BigDecimal meanAbsoluteErrorMinutes, BigDecimal withinRangeShare) {}

    /**
     * @param onDutyMinutes time on duty (not on a break or off duty)
     * @param consultationMinutes time from the start to the end of consultations, in every
     *     department the doctor serves
     * @param utilisation consultation time ÷ time on duty; null without time on duty
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DoctorUtilisation(
            long doctorId,
            String name,
            BigDecimal onDutyMinutes,
            BigDecimal consultationMinutes,
            BigDecimal utilisation) {

        static DoctorUtilisation of(
                long doctorId, String name, BigDecimal onDutySeconds, BigDecimal consultationSeconds) {
            BigDecimal utilisation = onDutySeconds.signum() == 0
                    ? null
                    : consultationSeconds.divide(onDutySeconds, 3, RoundingMode.HALF_UP);
            return new DoctorUtilisation(
                    doctorId, name, minutes(onDutySeconds), minutes(consultationSeconds), utilisation);
        }

        private static BigDecimal minutes(BigDecimal seconds) {
            return seconds.divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP);
        }
    }
}
