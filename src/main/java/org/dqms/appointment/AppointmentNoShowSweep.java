package org.dqms.appointment;

import java.time.Clock;
import java.time.Instant;
import org.dqms.platform.ServerOnly;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appointments not checked in by the end of their late window become NO_SHOW, once a minute. Safe
 * with several instances: each locks what it marks and skips what another instance holds.
 */
@Component
@ServerOnly
class AppointmentNoShowSweep {

    private final AppointmentRepository appointments;
    private final AppointmentSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AppointmentNoShowSweep(
            AppointmentRepository appointments,
            AppointmentSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.appointments = appointments;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void sweep() {
        sweep(clock.instant());
    }

    /** Marks every appointment whose window ended before {@code now}; how many. */
    @Transactional
    int sweep(Instant now) {
        int marked = 0;
        for (Appointment appointment : appointments.lockMissed(now.minus(settings.lateWindow()))) {
            appointment.markNoShow(now);
            var happened = appointment.drainEvents();
            appointments.save(appointment);
            happened.forEach(events::publishEvent);
            marked++;
        }
        return marked;
    }
}
