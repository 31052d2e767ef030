package org.dqms.appointment;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.dqms.department.PublicLinks;
import org.dqms.queue.AppointmentCheckIns;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Builds what the API and pages show of an appointment. */
@Component
class AppointmentViews {

    private final AppointmentRepository appointments;
    private final AppointmentCheckIns queue;
    private final PublicLinks links;

    AppointmentViews(AppointmentRepository appointments, AppointmentCheckIns queue, PublicLinks links) {
        this.appointments = appointments;
        this.queue = queue;
        this.links = links;
    }

    String manageLink(Appointment.State a) {
        return links.absolute("/a/" + a.publicId());
    }

    /** For whoever holds the link: the patient's own details and every change. */
    @Transactional(readOnly = true)
    AppointmentView forPatient(Appointment appointment) {
        Appointment.State a = appointment.state();
        String tokenLink = a.tokenId() == null
                ? null
                : queue.link(a.tokenId()).map(l -> links.absolute("/t/" + l)).orElse(null);
        return view(a, a.publicId(), manageLink(a), tokenLink, a.phone(), null, null, history(a.id()));
    }

    /**
     * For staff: the phone masked, with the phone's earlier no-shows, and none of the links. The
     * manage link and the token's link are capabilities: whoever holds them may cancel, and the
     * manage link shows the whole phone number. Staff act through their own endpoints, in scope.
     */
    AppointmentView forStaff(Appointment.State a, int previousNoShows, Set<Long> servingDoctors) {
        return view(
                a,
                null,
                null,
                null,
                AppointmentView.masked(a.phone()),
                previousNoShows,
                a.withDoctorWhoLeft(servingDoctors),
                null);
    }

    private AppointmentView view(
            Appointment.State a,
            UUID publicId,
            String manageLink,
            String tokenLink,
            String phone,
            Integer noShows,
            Boolean doctorLeft,
            List<AppointmentView.HistoryLine> history) {
        return new AppointmentView(
                a.id(),
                publicId,
                manageLink,
                a.planId(),
                a.departmentId(),
                a.doctorId(),
                a.startsAt(),
                a.endsAt(),
                a.patientName(),
                phone,
                a.status(),
                a.placement(),
                a.tokenId(),
                tokenLink,
                noShows,
                doctorLeft,
                history);
    }

    private List<AppointmentView.HistoryLine> history(long id) {
        return appointments.historyOf(id).stream()
                .map(c -> new AppointmentView.HistoryLine(
                        c.from(), c.to(), c.fromStartsAt(), c.toStartsAt(), c.actor(), c.reason(), c.at()))
                .toList();
    }
}
