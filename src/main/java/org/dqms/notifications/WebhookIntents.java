package org.dqms.notifications;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dqms.queue.TokenContacts;
import org.dqms.queue.TokenEvents.TokenCalled;
import org.dqms.queue.TokenEvents.TokenCancelled;
import org.dqms.queue.TokenEvents.TokenCompleted;
import org.dqms.queue.TokenEvents.TokenEvent;
import org.dqms.queue.TokenEvents.TokenExpired;
import org.dqms.queue.TokenEvents.TokenJoined;
import org.dqms.queue.TokenEvents.TokenMarkedNoShow;
import org.dqms.queue.TokenEvents.TokenRecalled;
import org.dqms.queue.TokenEvents.TokenStarted;
import org.dqms.queue.TokenEvents.TokenTransferred;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores each token event for every endpoint subscribed to it, in the transaction of the change.
 * The body carries the token's number, department and doctor, never the patient's name or phone.
 * Every change of a token's status has its event, so that an integrator mirroring the queue never
 * keeps a token waiting that has ended; a released preferred doctor changes no status and has none.
 */
class WebhookIntents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboxRepository outbox;
    private final SubscribedEndpoints endpoints;
    private final TokenContacts contacts;
    private final Clock clock;

    WebhookIntents(OutboxRepository outbox, SubscribedEndpoints endpoints, TokenContacts contacts, Clock clock) {
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.contacts = contacts;
        this.clock = clock;
    }

    @EventListener
    void on(TokenEvent event) {
        String type = type(event);
        if (type == null) {
            return;
        }
        var subscribed = endpoints.to(type);
        if (subscribed.isEmpty()) {
            return;
        }
        var contact = contacts.of(event.tokenId()).orElse(null);
        for (WebhookEndpoints.Endpoint endpoint : subscribed) {
            String id = type + ":" + event.tokenId() + ":" + event.at().toEpochMilli() + ":" + endpoint.id();
            Map<String, Object> token = new LinkedHashMap<>();
            token.put("id", event.tokenId());
            token.put("number", contact == null ? null : contact.number());
            token.put("departmentId", event.departmentId());
            if (event instanceof TokenCalled called) {
                token.put("doctorId", called.doctorId());
                token.put("room", contact == null ? null : contact.room());
            }
            if (event instanceof TokenStarted started) {
                token.put("doctorId", started.doctorId());
            }
            if (event instanceof TokenTransferred transferred) {
                token.put("nextTokenId", transferred.nextTokenId());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("type", type);
            body.put("occurredAt", event.at().toString());
            body.put("token", token);
            outbox.addWebhook(
                    "webhook:" + id,
                    type,
                    endpoint.id(),
                    event.tokenId(),
                    endpoint.url(),
                    JSON.writeValueAsString(body),
                    clock.instant());
        }
    }

    static String type(TokenEvent event) {
        if (event instanceof TokenJoined) {
            return "token.joined";
        }
        if (event instanceof TokenCalled) {
            return "token.called";
        }
        if (event instanceof TokenRecalled) {
            return "token.recalled";
        }
        if (event instanceof TokenStarted) {
            return "token.started";
        }
        if (event instanceof TokenCompleted) {
            return "token.completed";
        }
        if (event instanceof TokenMarkedNoShow) {
            return "token.no_show";
        }
        if (event instanceof TokenCancelled) {
            return "token.cancelled";
        }
        if (event instanceof TokenTransferred) {
            return "token.transferred";
        }
        if (event instanceof TokenExpired) {
            return "token.expired";
        }
        return null;
    }
}
