package org.dqms.notifications;

import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * An operator's retry of a FAILED message: a fresh set of attempts, unless it is an SMS or WhatsApp
 * to a number that has answered STOP since. The dispatcher checks again before it sends, so a STOP
 * that comes in after the retry is honoured too.
 */
@Service
class FailedRetry {

    enum Outcome {
        /** Due again now, with a fresh set of attempts. */
        RETRIED,
        /** Not FAILED (any more): nothing changed. */
        NOT_FAILED,
        /** To a number that answered STOP: nothing changed. */
        OPTED_OUT
    }

    private final OutboxRepository outbox;
    private final OptOuts optOuts;
    private final Clock clock;

    FailedRetry(OutboxRepository outbox, OptOuts optOuts, Clock clock) {
        this.outbox = outbox;
        this.optOuts = optOuts;
        this.clock = clock;
    }

    Outcome retry(long id) {
        if (outbox.failedPhone(id).filter(optOuts::stopped).isPresent()) {
            return Outcome.OPTED_OUT;
        }
        return outbox.retry(id, clock.instant()) ? Outcome.RETRIED : Outcome.NOT_FAILED;
    }
}
