package org.dqms.notifications;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one deadline of an attempt. The dispatcher sends one message at a time, so an exchange that
 * never ends would stop every notification of its instance, and then of each instance that claims
 * the message after it. Per-read timeouts do not prevent that: a server may answer just in time, a
 * byte at a time, for ever.
 */
final class AttemptDeadline {

    private AttemptDeadline() {}

    /**
     * Waits for the exchange until the deadline. Whatever the outcome, {@code abort} then runs, so
     * that an exchange still under way (past its deadline, or because the waiting thread was
     * interrupted) is cut off before the attempt is reported: it must not complete later, unseen.
     */
    static <T> T await(Future<T> exchange, Duration deadline, Runnable abort, String party) throws Sender.SendFailure {
        try {
            return exchange.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new Sender.SendFailure(party + " did not finish within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Sender.SendFailure("interrupted", e);
        } catch (ExecutionException e) {
            // Only the class: the message may hold an address.
            throw new Sender.SendFailure(party + ": " + e.getCause().getClass().getSimpleName(), e.getCause());
        } finally {
            abort.run();
        }
    }
}
