package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import org.dqms.queue.TokenEvents.TokenEvent;
import org.dqms.queue.TokenEvents.TokenJoined;
import org.dqms.queue.TokenEvents.TokenRecalled;
import org.dqms.queue.WaitQuoteRepository.WaitQuote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the wait estimate quoted to a patient whenever their token starts or starts again to wait:
 * at the join (a transfer's new token included) and at each recall. The quote is written in the
 * change's own transaction, under a savepoint, so that a failed quote never undoes a join, and
 * commits with it. Not after the commit: at that point the request's thread still holds its
 * connection, and a quote in a new transaction would need a second one; with as many joins at once
 * as the pool has connections, each would wait for another's, until the pool's timeout failed them
 * all. No quote is stored while no doctor is on duty, since the patient is then given no number.
 *
 * <p>Tokens behind a called one are not quoted again at every call: that would write a row for every
 * waiting patient at every call. Their live estimate is always at {@code /position}.
 */
@Component
class WaitQuotes {

    private static final Logger log = LoggerFactory.getLogger(WaitQuotes.class);

    private final TokenRepository tokens;
    private final PositionService positions;
    private final WaitQuoteRepository quotes;
    private final TransactionTemplate transaction;
    private final Clock clock;

    WaitQuotes(
            TokenRepository tokens,
            PositionService positions,
            WaitQuoteRepository quotes,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.tokens = tokens;
        this.positions = positions;
        this.quotes = quotes;
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    @EventListener
    void on(TokenEvent event) {
        if (!(event instanceof TokenJoined || event instanceof TokenRecalled)) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> quote(event.tokenId()));
        } catch (RuntimeException e) {
            // Rolled back to the savepoint: the join itself goes on.
            log.warn("Could not store the wait quote of token {}", event.tokenId(), e);
        }
    }

    /** Stores the token's current estimate, if it is waiting and has one. */
    void quote(long tokenId) {
        Instant now = clock.instant();
        tokens.find(tokenId)
                .map(token -> positions.positionOf(token, now))
                .filter(p -> p.estimate() != null && p.estimate().hasNumbers())
                .ifPresent(p -> quotes.insert(new WaitQuote(
                        p.tokenId(),
                        now,
                        p.ahead(),
                        p.estimate().inputs().doctorsOnDuty(),
                        p.estimate().inputs().serviceMinutes(),
                        p.estimate().likelyMinutes(),
                        p.estimate().upperMinutes())));
    }
}
