package org.dqms.queue;

/** A way a patient agreed, at join, to be told that their turn is near and that they are called. */
public enum NotifyChannel {
    /** A text message to the phone. */
    SMS,
    /** A WhatsApp message to the phone. */
    WHATSAPP,
    /** An email; only when the patient gave an address. */
    EMAIL
}
