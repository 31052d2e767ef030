package org.dqms.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.Staffing;
import org.dqms.queue.QueueRepository.ServiceTimes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reads what a department's wait estimates share: the doctors on duty and their usual consultation
 * time, the recent and the ongoing consultations, and the appointments falling due.
 */
@Component
class EstimateInputs {

    /** Consultations older than this do not count towards the recent service time. */
    static final int RECENT_DAYS = 7;

    static final int RECENT_CONSULTATIONS = 50;

    /** How far ahead booked appointments are looked for. */
    static final Duration DUE_HORIZON = Duration.ofHours(12);

    /** When a department has no doctor at all, only to fill in the inputs; no number is shown then. */
    private static final double USUAL_MINUTES_WITHOUT_DOCTORS = 10;

    private final QueueRepository queue;
    private final DoctorService doctors;
    private final ObjectProvider<AppointmentsDue> appointments;
    private final WaitEstimator estimator;

    EstimateInputs(
            QueueRepository queue,
            DoctorService doctors,
            ObjectProvider<AppointmentsDue> appointments,
            QueueSettings settings) {
        this.queue = queue;
        this.doctors = doctors;
        this.appointments = appointments;
        this.estimator = new WaitEstimator(settings.serviceTimeWeight());
    }

    /** The department's estimate basis now. */
    EstimateBasis of(long departmentId, Instant now) {
        LocalDate since = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(RECENT_DAYS);
        List<Instant> due = appointments.stream()
                .flatMap(a -> a.due(departmentId, now, now.plus(DUE_HORIZON)).stream())
                .toList();
        Staffing staffing = doctors.staffing(departmentId);
        ServiceTimes times = queue.serviceTimes(departmentId, since, RECENT_CONSULTATIONS, now);
        return new EstimateBasis(
                estimator,
                staffing.doctorsOnDuty(),
                times.recentMinutes(),
                staffing.usualMinutes().orElse(USUAL_MINUTES_WITHOUT_DOCTORS),
                times.minutesSpent(),
                now,
                due);
    }
}
