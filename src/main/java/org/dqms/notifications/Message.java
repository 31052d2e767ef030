package org.dqms.notifications;

import org.dqms.queue.NotifyChannel;

/**
 * One message to send, as the outbox holds it.
 *
 * @param channel the patient's channel; null for a webhook delivery
 * @param endpointId the integrator's endpoint of a webhook delivery; null for a patient's message
 */
record Message(
        long id,
        String idempotencyKey,
        NotifyChannel channel,
        String recipient,
        String subject,
        String body,
        Long endpointId) {

    /** A message to a patient. */
    Message(long id, String idempotencyKey, NotifyChannel channel, String recipient, String subject, String body) {
        this(id, idempotencyKey, channel, recipient, subject, body, null);
    }

    /** The recipient as logs may show it: the last four characters only. */
    String maskedRecipient() {
        return mask(recipient);
    }

    /** A phone number or email address with all but its last four characters hidden. */
    static String mask(String recipient) {
        return recipient.length() <= 4 ? "****" : "…" + recipient.substring(recipient.length() - 4);
    }
}
