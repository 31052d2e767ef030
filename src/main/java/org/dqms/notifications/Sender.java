package org.dqms.notifications;

/** Delivers messages of one channel through one provider. */
interface Sender {

    /**
     * Sends the message, passing its idempotency key to the provider. Throws {@link SendFailure}
     * when the provider refuses or cannot be reached; the dispatcher then retries, unless the
     * failure is {@linkplain SendFailure#refused() a refusal}.
     */
    void send(Message message) throws SendFailure;

    /** The provider said no, or could not be reached. */
    final class SendFailure extends Exception {

        private final boolean refused;
        private final String retryAfter;

        SendFailure(String message) {
            this(message, null, false, null);
        }

        SendFailure(String message, Throwable cause) {
            this(message, cause, false, null);
        }

        private SendFailure(String message, Throwable cause, boolean refused, String retryAfter) {
            super(message, cause);
            this.refused = refused;
            this.retryAfter = retryAfter;
        }

        /** The provider refused this message (a 4xx): it would refuse it again, so it is not retried. */
        static SendFailure refusal(String message) {
            return new SendFailure(message, null, true, null);
        }

        /** The provider is busy and said when to come back: its {@code Retry-After}, or null. */
        static SendFailure busy(String message, String retryAfter) {
            return new SendFailure(message, null, false, retryAfter);
        }

        boolean refused() {
            return refused;
        }

        /** The provider's {@code Retry-After} as it was sent, or null. */
        String retryAfter() {
            return retryAfter;
        }
    }
}
