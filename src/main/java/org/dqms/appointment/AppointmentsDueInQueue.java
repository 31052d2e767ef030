package org.dqms.appointment;

import java.time.Instant;
import java.util.List;
import org.dqms.queue.AppointmentsDue;
import org.springframework.stereotype.Component;

/**
 * Tells the queue's estimates which booked appointments will still take a place: those not yet
 * checked in whose late window has not ended.
 */
@Component
class AppointmentsDueInQueue implements AppointmentsDue {

    private final AppointmentRepository appointments;
    private final AppointmentSettings settings;

    AppointmentsDueInQueue(AppointmentRepository appointments, AppointmentSettings settings) {
        this.appointments = appointments;
        this.settings = settings;
    }

    @Override
    public List<Instant> due(long departmentId, Instant now, Instant until) {
        return appointments.due(departmentId, now.minus(settings.lateWindow()), until);
    }
}
