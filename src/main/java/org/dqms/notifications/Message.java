package org.dqms.notifications;

import org.dqms.queue.NotifyChannel;

/** One message to send, as the outbox holds it. */
record Message(long id, String idempotencyKey, NotifyChannel channel, String recipient, String subject, String body) {

    /** The recipient as logs may show it: the last four characters only. */
    String maskedRecipient() {
        return recipient.length() <= 4 ? "****" : "…" + recipient.substring(recipient.length() - 4);
    }
}
