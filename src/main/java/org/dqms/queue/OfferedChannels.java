package org.dqms.queue;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dqms.platform.InvalidFieldException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The channels a patient may choose to be notified on, at a join or a booking: only those this
 * deployment can send on. Choosing another is refused, so that nobody waits for a text that never
 * comes.
 */
@Component
public class OfferedChannels {

    private final ObjectProvider<NotificationChannels> senders;
    // The senders are made once, at start: read them at the first join, not at every one.
    private volatile Set<NotifyChannel> offered;

    OfferedChannels(ObjectProvider<NotificationChannels> senders) {
        this.senders = senders;
    }

    /** The channels offered, in the order of {@link NotifyChannel}; empty when nothing is sent. */
    public Set<NotifyChannel> all() {
        Set<NotifyChannel> known = offered;
        if (known == null) {
            Set<NotifyChannel> channels = EnumSet.noneOf(NotifyChannel.class);
            senders.forEach(sender -> channels.addAll(sender.withSender()));
            known = Collections.unmodifiableSet(channels);
            offered = known;
        }
        return known;
    }

    /** Whether each of the chosen channels is offered. */
    public boolean offers(Collection<NotifyChannel> chosen) {
        return all().containsAll(chosen);
    }

    /**
     * Refuses a choice of a channel that is not offered: 400 naming the field {@code notifications}
     * and the channel, with the channels offered as {@code availableChannels}.
     */
    public void require(Collection<NotifyChannel> chosen) {
        if (offers(chosen)) {
            return;
        }
        Set<NotifyChannel> available = all();
        List<NotifyChannel> refused = chosen.stream()
                .filter(channel -> !available.contains(channel))
                .distinct()
                .sorted()
                .toList();
        throw new InvalidFieldException(
                "notifications",
                names(refused) + (refused.size() == 1 ? " is" : " are") + " not sent by this deployment; available: "
                        + (available.isEmpty() ? "none" : names(available)),
                Map.of("availableChannels", List.copyOf(available)));
    }

    private static String names(Collection<NotifyChannel> channels) {
        return String.join(", ", channels.stream().map(Enum::name).toList());
    }
}
