package org.dqms.notifications;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dqms.queue.LiveToken;
import org.dqms.queue.NotifyChannel;
import org.dqms.queue.QueueSnapshots;
import org.dqms.queue.TokenContacts;
import org.dqms.queue.TokenContacts.Contact;
import org.dqms.queue.TokenEvents.TokenCalled;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;

/**
 * Turns queue events into intents to notify, in the transaction of the change (a plain listener
 * runs inside the publisher's transaction): a call tells the called patient which room, and tells
 * those now near their turn. Each intent has a key, so a patient is told each thing once.
 */
class NotificationIntents {

    static final String CALLED = "CALLED";
    static final String TURN_NEAR = "TURN_NEAR";

    private final OutboxRepository outbox;
    private final NearTurnSettings nearTurn;
    private final OptOuts optOuts;
    private final TokenContacts contacts;
    private final QueueSnapshots snapshots;
    private final Senders senders;
    private final MessageSource messages;
    private final NotificationSettings settings;
    private final Locale language;
    private final Clock clock;

    NotificationIntents(
            OutboxRepository outbox,
            NearTurnSettings nearTurn,
            OptOuts optOuts,
            TokenContacts contacts,
            QueueSnapshots snapshots,
            Senders senders,
            MessageSource messages,
            NotificationSettings settings,
            Locale language,
            Clock clock) {
        this.outbox = outbox;
        this.nearTurn = nearTurn;
        this.optOuts = optOuts;
        this.contacts = contacts;
        this.snapshots = snapshots;
        this.senders = senders;
        this.messages = messages;
        this.settings = settings;
        this.language = language;
        this.clock = clock;
    }

    @EventListener
    void on(TokenCalled called) {
        // This runs inside every call's transaction: without a channel to send on, it reads nothing.
        if (!senders.any()) {
            return;
        }
        contacts.of(called.tokenId()).ifPresent(contact -> {
            String room = contact.room() == null ? "" : contact.room();
            for (NotifyChannel channel : channels(contact)) {
                outbox.add(
                        "called:" + called.tokenId() + ":" + called.at().toEpochMilli() + ":" + channel,
                        CALLED,
                        channel,
                        contact.tokenId(),
                        recipient(contact, channel),
                        text(contact, "notify.called.subject", contact.number()),
                        text(contact, "notify.called.body", contact.departmentName(), contact.number(), room),
                        clock.instant());
            }
        });
        int ahead = nearTurn.of(called.departmentId()).orElse(settings.nearTurnAhead());
        Map<Contact, List<NotifyChannel>> near = new LinkedHashMap<>();
        for (Long tokenId : contacts.nearTurn(called.departmentId(), ahead)) {
            contacts.of(tokenId).ifPresent(contact -> {
                List<NotifyChannel> channels = channels(contact);
                if (!channels.isEmpty()) {
                    near.put(contact, channels);
                }
            });
        }
        if (near.isEmpty()) {
            return;
        }
        // The estimates only for those who will be told.
        Set<Long> told = near.keySet().stream().map(Contact::tokenId).collect(Collectors.toSet());
        var live = snapshots.snapshot(called.departmentId(), told).tokens();
        near.forEach((contact, channels) -> {
            LiveToken token = live.get(contact.tokenId());
            int minutes = token == null || token.likelyMinutes() == null ? 0 : token.likelyMinutes();
            for (NotifyChannel channel : channels) {
                outbox.add(
                        "near:" + contact.tokenId() + ":" + channel,
                        TURN_NEAR,
                        channel,
                        contact.tokenId(),
                        recipient(contact, channel),
                        text(contact, "notify.near.subject", contact.number()),
                        text(contact, "notify.near.body", contact.departmentName(), contact.number(), minutes),
                        clock.instant());
            }
        });
    }

    /** What the patient chose, that dqms can send, and that they have not stopped. */
    private java.util.List<NotifyChannel> channels(Contact contact) {
        if (contact.channels().isEmpty()) {
            return java.util.List.of();
        }
        boolean stopped = optOuts.stopped(contact.phone());
        return contact.channels().stream()
                .filter(senders::supports)
                .filter(channel -> channel != NotifyChannel.EMAIL || contact.email() != null)
                .filter(channel -> channel == NotifyChannel.EMAIL || !stopped)
                .sorted()
                .toList();
    }

    private static String recipient(Contact contact, NotifyChannel channel) {
        return channel == NotifyChannel.EMAIL ? contact.email() : contact.phone();
    }

    /** A message in the patient's language, or the deployment's default language. */
    private String text(Contact contact, String key, Object... arguments) {
        Locale locale = contact.language() == null ? language : Locale.forLanguageTag(contact.language());
        return messages.getMessage(key, arguments, locale);
    }
}
