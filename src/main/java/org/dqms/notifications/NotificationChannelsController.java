package org.dqms.notifications;

import java.util.Set;
import org.dqms.queue.NotifyChannel;
import org.dqms.queue.OfferedChannels;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The channels a join or a booking may ask to be notified on, for clients that build their own
 * form: open to everybody, like the departments a join page lists.
 */
@RestController
class NotificationChannelsController {

    private final OfferedChannels offered;

    NotificationChannelsController(OfferedChannels offered) {
        this.offered = offered;
    }

    /** @param channels empty when this deployment sends no notifications */
    record Channels(Set<NotifyChannel> channels) {}

    @GetMapping("/api/v1/notifications/channels")
    Channels channels() {
        return new Channels(offered.all());
    }
}
