package org.dqms.notifications;

import java.time.Clock;
import org.dqms.appointment.AppointmentEvents.AppointmentCancelled;
import org.dqms.appointment.AppointmentReminders;
import org.springframework.context.event.EventListener;

/**
 * Tells the patient when dqms cancelled their appointment because the department was closed at the
 * booked time (ADR 29), with the link to book another time. A plain listener, so the message is
 * stored in the cancellation's own transaction: a cancellation that commits has its message, one
 * that rolls back has none, and the key ({@code cancelled:<appointment>:<channel>}) stores it once.
 * A cancellation by the patient or the desk is not told: they made it.
 */
class CancelledAppointmentNotices {

    private final AppointmentReminders appointments;
    private final AppointmentMessages messages;
    private final Clock clock;

    CancelledAppointmentNotices(AppointmentReminders appointments, AppointmentMessages messages, Clock clock) {
        this.appointments = appointments;
        this.messages = messages;
        this.clock = clock;
    }

    @EventListener
    void on(AppointmentCancelled cancelled) {
        if (!cancelled.departmentClosed() || !messages.anySender()) {
            return;
        }
        appointments
                .of(cancelled.appointmentId())
                .ifPresent(due -> messages.add(
                        AppointmentMessages.CANCELLED,
                        "cancelled:" + due.appointmentId(),
                        "cancelled",
                        due,
                        due.bookingLink(),
                        clock.instant()));
    }
}
