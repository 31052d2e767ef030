package org.dqms.queue;

import java.util.Set;

/**
 * The channels this deployment can notify patients on: those with a sender set up. The
 * notifications module provides it; without it (a command) there are none.
 */
public interface NotificationChannels {

    /** The channels that have a sender. */
    Set<NotifyChannel> withSender();
}
