package org.dqms.notifications;

/** Delivers messages of one channel through one provider. */
interface Sender {

    /**
     * Sends the message, passing its idempotency key to the provider. Throws {@link SendFailure}
     * when the provider refuses or cannot be reached; the dispatcher then retries.
     */
    void send(Message message) throws SendFailure;

    /** The provider said no, or could not be reached. */
    final class SendFailure extends Exception {
        SendFailure(String message) {
            super(message);
        }

        SendFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
