package org.dqms.appointment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An appointment as the API shows it.
 *
 * @param publicId the manage link's UUID; for whoever booked or holds the link, never in staff views
 * @param manageLink the page to reschedule, cancel or check in; whoever holds it may, so likewise
 * @param tokenLink the page of the token a check-in issued; likewise
 * @param previousNoShows appointments this phone missed before; in staff lists only
 * @param doctorLeft booked with a doctor who no longer serves the department (ADR 25): it checks in
 *     for the department's doctors; in staff views only
 */
record AppointmentView(
        long id,
        UUID publicId,
        String manageLink,
        long planId,
        long departmentId,
        Long doctorId,
        Instant startsAt,
        Instant endsAt,
        String patientName,
        String phone,
        AppointmentStatus status,
        Placement placement,
        Long tokenId,
        String tokenLink,
        Integer previousNoShows,
        Boolean doctorLeft,
        List<HistoryLine> history) {

    record HistoryLine(
            AppointmentStatus from,
            AppointmentStatus to,
            Instant fromStartsAt,
            Instant toStartsAt,
            String actor,
            String reason,
            Instant at) {}

    static String masked(String phone) {
        return phone.length() <= 4 ? "****" : "*".repeat(phone.length() - 4) + phone.substring(phone.length() - 4);
    }
}
