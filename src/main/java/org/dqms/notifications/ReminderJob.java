package org.dqms.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.dqms.appointment.AppointmentReminders;
import org.dqms.appointment.AppointmentReminders.Due;
import org.dqms.database.SchemaGate;
import org.dqms.department.PublicLinks;
import org.dqms.platform.Rounds;
import org.dqms.queue.NotifyChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds patients of their appointments the day before and an hour before, with the manage link,
 * on the channels they chose when booking. Runs every minute on every instance: each reminder's
 * idempotency key lets only the first store it.
 */
final class ReminderJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

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
    private final OutboxRepository outbox;
    private final OptOuts optOuts;
    private final Senders senders;
    private final PublicLinks links;
    private final MessageSource messages;
    private final Locale language;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SchemaGate schema;
    private volatile Rounds rounds;

    ReminderJob(
            AppointmentReminders appointments,
            OutboxRepository outbox,
            OptOuts optOuts,
            Senders senders,
            PublicLinks links,
            MessageSource messages,
            Locale language,
            TransactionTemplate transaction,
            Clock clock,
            SchemaGate schema) {
        this.appointments = appointments;
        this.outbox = outbox;
        this.optOuts = optOuts;
        this.senders = senders;
        this.links = links;
        this.messages = messages;
        this.language = language;
        this.transaction = transaction;
        this.clock = clock;
        this.schema = schema;
    }

    /** Stores the reminders due at {@code now}; how many were new. */
    int remind(Instant now) {
        int stored = 0;
        for (Window window : Window.values()) {
            for (Due due : appointments.startingBetween(now.plus(window.until), now.plus(window.from))) {
                stored += remind(window, due, now);
            }
        }
        return stored;
    }

    private int remind(Window window, Due due, Instant now) {
        String link = links.absoluteIfKnown(due.manageLink()).orElse(due.manageLink());
        String text = messages.getMessage(
                "notify.reminder.body",
                new Object[] {
                    due.departmentName(),
                    DATE.withLocale(language).format(due.startsAt().atZone(due.zone())),
                    TIME.format(due.startsAt().atZone(due.zone())),
                    link
                },
                language);
        String subject = messages.getMessage("notify.reminder.subject", new Object[] {due.departmentName()}, language);
        Integer stored = transaction.execute(status -> {
            int added = 0;
            boolean stopped = optOuts.stopped(due.phone());
            for (NotifyChannel channel : due.channels()) {
                if (!senders.supports(channel) || (channel == NotifyChannel.EMAIL ? due.email() == null : stopped)) {
                    continue;
                }
                String recipient = channel == NotifyChannel.EMAIL ? due.email() : due.phone();
                // The time is part of the key: an appointment moved after its reminder gets one for its new time.
                String key = "reminder:" + window.name().toLowerCase(Locale.ROOT) + ":" + due.appointmentId() + ":"
                        + due.startsAt().getEpochSecond() + ":" + channel;
                if (outbox.addReminder(key, channel, recipient, subject, text, now)) {
                    added++;
                }
            }
            return added;
        });
        return stored == null ? 0 : stored;
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
