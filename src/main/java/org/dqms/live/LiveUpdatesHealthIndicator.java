package org.dqms.live;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether this instance hears other instances' changes. Not part of readiness: without its
 * listening session the instance still serves pages and the API, and it reconnects on its own.
 */
final class LiveUpdatesHealthIndicator implements HealthIndicator {

    private final QueueChangeListener listener;
    private final LiveHub hub;

    LiveUpdatesHealthIndicator(QueueChangeListener listener, LiveHub hub) {
        this.listener = listener;
        this.hub = hub;
    }

    @Override
    public Health health() {
        Health.Builder health = listener.listening() ? Health.up() : Health.down();
        return health.withDetail("listening", listener.listening())
                .withDetail("since", listener.since().toString())
                .withDetail("streams", hub.streams())
                .build();
    }
}
