package org.dqms.appointment;

import java.time.Instant;
import java.util.List;
import org.dqms.appointment.AppointmentEvents.AppointmentEvent;
import org.dqms.queue.AppointmentsDue;
import org.dqms.queue.QueueViews;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the queue's estimates which booked appointments will still take a place: those not yet
 * checked in whose late window has not ended.
 */
@Component
class AppointmentsDueInQueue implements AppointmentsDue {

    private final AppointmentRepository appointments;
    private final AppointmentSettings settings;
    private final QueueViews views;

    AppointmentsDueInQueue(AppointmentRepository appointments, AppointmentSettings settings, QueueViews views) {
        this.appointments = appointments;
        this.settings = settings;
        this.views = views;
    }

    @Override
    public List<Instant> due(long departmentId, Instant now, Instant until) {
        return appointments.due(departmentId, now.minus(settings.lateWindow()), until);
    }

    /**
     * What is due changed: the department's positions are read again with it. (A check-in also
     * issues a token, which does the same.)
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(AppointmentEvent event) {
        views.changed(List.of(event.departmentId()));
    }
}
