package org.dqms.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.dqms.appointment.AppointmentReminders;
import org.dqms.appointment.AppointmentReminders.Due;
import org.dqms.database.SchemaGate;
import org.dqms.platform.Rounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds patients of their appointments the day before and an hour before, with the manage link,
 * on the channels they chose when booking. Where the department will be closed at the booked time
 * (a date closed or hours shortened since the booking), the reminder says so instead and asks the
 * patient to choose another time. Runs every minute on every instance: each reminder's idempotency
 * key lets only the first store it.
 */
final class ReminderJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

    /** When a reminder goes: from this long before the appointment, to the window's end. */
    enum Window {
        DAY(Duration.ofHours(24), Duration.ofHours(23)),
        HOUR(Duration.ofMinutes(60), Duration.ofMinutes(45));

        final Duration from;
        final Duration until;

        Window(Duration from, Duration until) {
            this.from = from;
            this.until = until;
        }
    }

    private final AppointmentReminders appointments;
    private final AppointmentMessages messages;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SchemaGate schema;
    private volatile Rounds rounds;

    ReminderJob(
            AppointmentReminders appointments,
            AppointmentMessages messages,
            TransactionTemplate transaction,
            Clock clock,
            SchemaGate schema) {
        this.appointments = appointments;
        this.messages = messages;
        this.transaction = transaction;
        this.clock = clock;
        this.schema = schema;
    }

    /** Stores the reminders due at {@code now}; how many were new. */
    int remind(Instant now) {
        int stored = 0;
        for (Window window : Window.values()) {
            for (Due due : appointments.startingBetween(now.plus(window.until), now.plus(window.from))) {
                // The time is part of the key: an appointment moved after its reminder gets one for its new time.
                String key = "reminder:" + window.name().toLowerCase(Locale.ROOT) + ":" + due.appointmentId() + ":"
                        + due.startsAt().getEpochSecond();
                String text = due.closedThen() ? "closed-ahead" : "reminder";
                // An hour before, the appointment can no longer be moved (DQMS_APPOINTMENT_CHANGE_CUTOFF):
                // a patient told of a closure then books afresh.
                String link = due.closedThen() && window == Window.HOUR ? due.bookingLink() : due.manageLink();
                Integer added = transaction.execute(
                        status -> messages.add(AppointmentMessages.REMINDER, key, text, due, link, now));
                stored += added == null ? 0 : added;
            }
        }
        return stored;
    }

    @Override
    public void start() {
        rounds = Rounds.start(
                "dqms-notify-reminders",
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                schema.guard(() -> remind(clock.instant())),
                e -> log.warn("Reminders: round failed: {}", e.getMessage()));
    }

    @Override
    public void stop() {
        Rounds current = rounds;
        if (current != null) {
            current.stop();
        }
        rounds = null;
    }

    @Override
    public boolean isRunning() {
        return rounds != null;
    }
}
