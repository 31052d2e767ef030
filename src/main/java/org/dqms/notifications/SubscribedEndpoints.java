package org.dqms.notifications;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The active webhook endpoints as read at most {@link #MAX_AGE_MILLIS} ago, for the token events of
 * every call, start and completion, which would otherwise each read them inside their transaction.
 * A change of endpoints on this instance applies at once; one made on another instance within that
 * time. The outbox row is written only while its endpoint is still active, so an endpoint removed
 * elsewhere in that second gets nothing and fails no change.
 */
@Component
class SubscribedEndpoints {

    static final long MAX_AGE_MILLIS = 1000;

    private record Read(List<WebhookEndpoints.Endpoint> active, long at) {}

    private final WebhookEndpoints endpoints;
    private final AtomicLong changes = new AtomicLong();
    private volatile Read last;

    SubscribedEndpoints(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** The active endpoints subscribed to the event, by id. */
    List<WebhookEndpoints.Endpoint> to(String event) {
        long now = System.nanoTime();
        Read read = last;
        if (read == null || now - read.at() >= TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MILLIS)) {
            long before = changes.get();
            read = new Read(endpoints.active(), now);
            // A read that a change overtook may hold the endpoints before it: it answers, but is not kept.
            if (changes.get() == before) {
                last = read;
            }
        }
        return read.active().stream()
                .filter(endpoint -> endpoint.events().contains(event))
                .toList();
    }

    /** An endpoint was added or removed here: the next event reads them again. */
    void changed() {
        changes.incrementAndGet();
        last = null;
    }
}
