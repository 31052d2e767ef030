package org.dqms.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.dqms.platform.ServerOnly;
import org.springframework.stereotype.Component;

/**
 * Messages that ended FAILED, by channel ({@code WEBHOOK} for integrators' events), as
 * {@code dqms_notifications_failed_total}: refused, out of attempts, to a number that answered
 * STOP, or on a channel no instance sends ({@link UnsendableSweep}). An operator's retry does not
 * take one back.
 */
@Component
@ServerOnly
class NotificationFailures {

    static final String METRIC = "dqms.notifications.failed";

    private final MeterRegistry meters;

    NotificationFailures(MeterRegistry meters) {
        this.meters = meters;
    }

    void add(String channel, long count) {
        counter(channel).increment(count);
    }

    /** The counter of the channel, registered the first time it is asked for. */
    Counter counter(String channel) {
        return Counter.builder(METRIC)
                .description("Notifications that ended FAILED")
                .tag("channel", channel)
                .register(meters);
    }
}
