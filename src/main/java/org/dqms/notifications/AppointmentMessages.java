package org.dqms.notifications;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.dqms.appointment.AppointmentReminders.Due;
import org.dqms.department.PublicLinks;
import org.dqms.queue.NotifyChannel;
import org.springframework.context.MessageSource;

/**
 * Messages to a patient about their appointment: the department, the local date and time, and a
 * link, in the deployment's language (an appointment does not record the patient's). Stored on each
 * channel the patient chose, that dqms sends on and, for SMS and WhatsApp, that they have not
 * stopped.
 */
final class AppointmentMessages {

    static final String REMINDER = "REMINDER";
    static final String CANCELLED = "APPOINTMENT_CANCELLED";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final OutboxRepository outbox;
    private final OptOuts optOuts;
    private final Senders senders;
    private final PublicLinks links;
    private final MessageSource messages;
    private final Locale language;

    AppointmentMessages(
            OutboxRepository outbox,
            OptOuts optOuts,
            Senders senders,
            PublicLinks links,
            MessageSource messages,
            Locale language) {
        this.outbox = outbox;
        this.optOuts = optOuts;
        this.senders = senders;
        this.links = links;
        this.messages = messages;
        this.language = language;
    }

    /** Whether any channel has a sender; without one there is nothing to read or store. */
    boolean anySender() {
        return senders.any();
    }

    /**
     * Stores the message {@code notify.<text>.subject} / {@code .body} with the link; how many
     * channels it was new on. Each row's idempotency key is {@code key} and the channel. Runs in the
     * caller's transaction.
     */
    int add(String kind, String key, String text, Due due, String path, Instant now) {
        String link = links.absoluteIfKnown(path).orElse(path);
        var at = due.startsAt().atZone(due.zone());
        String body = messages.getMessage(
                "notify." + text + ".body",
                new Object[] {due.departmentName(), DATE.withLocale(language).format(at), TIME.format(at), link},
                language);
        String subject =
                messages.getMessage("notify." + text + ".subject", new Object[] {due.departmentName()}, language);
        int added = 0;
        boolean stopped = optOuts.stopped(due.phone());
        for (NotifyChannel channel : due.channels()) {
            if (!senders.supports(channel) || (channel == NotifyChannel.EMAIL ? due.email() == null : stopped)) {
                continue;
            }
            String recipient = channel == NotifyChannel.EMAIL ? due.email() : due.phone();
            if (outbox.addForAppointment(key + ":" + channel, kind, channel, recipient, subject, body, now)) {
                added++;
            }
        }
        return added;
    }
}
