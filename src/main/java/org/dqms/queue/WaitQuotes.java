package org.dqms.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.dqms.database.SchemaGate;
import org.dqms.platform.Rounds;
import org.dqms.queue.PositionService.TokenPosition;
import org.dqms.queue.TokenEvents.TokenEvent;
import org.dqms.queue.TokenEvents.TokenJoined;
import org.dqms.queue.TokenEvents.TokenRecalled;
import org.dqms.queue.WaitQuoteRepository.WaitQuote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Stores the wait estimate quoted to a patient whenever their token starts or starts again to wait:
 * at the join (a transfer's new token included) and at each recall. The quote is taken after the
 * change commits, from the department's {@link QueueViews view} read after it, which is where the
 * patient's phone reads its place too, and every {@link #INTERVAL_MILLIS} ms the quotes of all departments
 * are written with one statement (ADR 0020). A join thus neither runs the estimate's reads nor
 * holds its department's counter row while they run. No quote is stored while no doctor is on
 * duty, since the patient is then given no number.
 *
 * <p>Quotes wait in memory for at most an interval, so those of the last moment before a crash are
 * lost; a stop writes the ones pending. While writing fails they are kept and tried again, up to
 * {@link #MAX_PENDING}; past that new ones are dropped, and a warning says how many.
 *
 * <p>Tokens behind a called one are not quoted again at every call: that would write a row for every
 * waiting patient at every call. Their live estimate is always at {@code /position}.
 */
@Component
class WaitQuotes implements SmartLifecycle {

    static final long INTERVAL_MILLIS = 500;

    static final int MAX_PENDING = 10_000;

    private static final Logger log = LoggerFactory.getLogger(WaitQuotes.class);

    private record Pending(long tokenId, long departmentId, Instant at) {}

    private final PositionService positions;
    private final WaitQuoteRepository quotes;
    private final SchemaGate schema;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile Rounds rounds;

    WaitQuotes(PositionService positions, WaitQuoteRepository quotes, SchemaGate schema) {
        this.positions = positions;
        this.quotes = quotes;
        this.schema = schema;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TokenEvent event) {
        if (!(event instanceof TokenJoined || event instanceof TokenRecalled)) {
            return;
        }
        offer(new Pending(event.tokenId(), event.departmentId(), event.at()));
    }

    /**
     * Writes the pending quotes and returns how many were written. A caller that finds another
     * flush under way waits for it, so after a change commits, one call writes its quote.
     */
    synchronized int flush() {
        reportDropped();
        List<Pending> batch = new ArrayList<>();
        for (Pending next; (next = pending.poll()) != null; ) {
            batch.add(next);
        }
        size.addAndGet(-batch.size());
        if (batch.isEmpty()) {
            return 0;
        }
        List<WaitQuote> quoted = new ArrayList<>();
        Map<Long, List<Pending>> byDepartment = new LinkedHashMap<>();
        batch.forEach(p -> byDepartment
                .computeIfAbsent(p.departmentId(), id -> new ArrayList<>())
                .add(p));
        try {
            byDepartment.forEach((departmentId, changes) -> quoted.addAll(quotes(departmentId, changes)));
            quotes.insertAll(quoted);
            return quoted.size();
        } catch (RuntimeException e) {
            batch.forEach(this::offer);
            log.warn("Could not store {} wait quotes, will try again: {}", batch.size(), e.getMessage());
            return 0;
        }
    }

    private List<WaitQuote> quotes(long departmentId, List<Pending> changes) {
        Map<Long, TokenPosition> waiting = positions.waitingPositions(
                departmentId, changes.stream().map(Pending::tokenId).toList());
        List<WaitQuote> quoted = new ArrayList<>();
        for (Pending change : changes) {
            // A token no longer waiting was called before its quote was due: it waits for nothing.
            TokenPosition p = waiting.get(change.tokenId());
            if (p != null && p.estimate() != null && p.estimate().hasNumbers()) {
                quoted.add(new WaitQuote(
                        p.tokenId(),
                        change.at(),
                        p.ahead(),
                        p.estimate().inputs().doctorsOnDuty(),
                        p.estimate().inputs().serviceMinutes(),
                        p.estimate().likelyMinutes(),
                        p.estimate().upperMinutes()));
            }
        }
        return quoted;
    }

    /** Keeps a quote to write, unless {@link #MAX_PENDING} are waiting already. */
    private void offer(Pending change) {
        if (size.incrementAndGet() > MAX_PENDING) {
            size.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        pending.add(change);
    }

    private void reportDropped() {
        int lost = dropped.getAndSet(0);
        if (lost > 0) {
            log.warn("Dropped {} wait quotes: more than {} were waiting to be written", lost, MAX_PENDING);
        }
    }

    private void failed(Throwable e) {
        log.warn("Wait quotes: {}", e.getMessage());
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void start() {
        Duration interval = Duration.ofMillis(INTERVAL_MILLIS);
        rounds = Rounds.start("dqms-wait-quotes", interval, interval, schema.guard(this::flush), this::failed);
    }

    /** Writes what is pending once the web server has stopped taking requests. */
    @Override
    public void stop() {
        Rounds current = rounds;
        rounds = null;
        if (current != null) {
            current.finish(Duration.ofSeconds(5));
            flushQuietly();
        }
    }

    @Override
    public boolean isRunning() {
        return rounds != null;
    }

    /** Below the web server's graceful shutdown, so that this stops after the last request. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
