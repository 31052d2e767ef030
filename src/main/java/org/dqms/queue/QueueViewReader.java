package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.dqms.queue.QueueViews.Stamp;
import org.dqms.queue.QueueViews.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the departments' {@link QueueViews views} from the database (ADR 0018): at most one read of
 * a department at a time, lookups that find the view stale waiting for it, and a view that is aging
 * read again on a background thread while lookups go on with it. Views are read in read-only
 * transactions of their own, outside any write.
 */
@Component
class QueueViewReader implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QueueViewReader.class);

    private final QueueViews views;
    private final QueueRepository queue;
    private final TokenRepository tokens;
    private final EstimateInputs inputs;
    private final QueueOrder order;
    private final Clock clock;
    private final TransactionTemplate readOnly;
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "dqms-queue-views");
        thread.setDaemon(true);
        return thread;
    });

    QueueViewReader(
            QueueViews views,
            QueueRepository queue,
            TokenRepository tokens,
            EstimateInputs inputs,
            QueueSettings settings,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.views = views;
        this.queue = queue;
        this.tokens = tokens;
        this.inputs = inputs;
        this.order = QueueOrder.of(settings);
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * The department's current view if it is {@code fit}, else one read now. A current view that is
     * aging is read again on the refresher thread meanwhile.
     */
    View viewWith(long departmentId, Instant now, Predicate<View> fit) {
        Optional<View> current = views.current(departmentId, now).filter(fit);
        if (current.isPresent()) {
            if (current.get().agingAt(now)) {
                refreshSoon(departmentId);
            }
            return current.get();
        }
        synchronized (views.readingLock(departmentId)) {
            // Another lookup may have read it while this one waited.
            return views.current(departmentId, now).filter(fit).orElseGet(() -> read(departmentId, now));
        }
    }

    /** Places and estimates without the tokens' details, which cost more to read; not kept as a view. */
    record Places(Map<Long, Integer> ahead, EstimateBasis basis) {}

    /** The department's places: from its current view if {@code fit}, else read now. */
    Places placesWith(long departmentId, Instant now, Predicate<View> fit) {
        return views.current(departmentId, now)
                .filter(fit)
                .map(v -> new Places(v.ahead(), v.basis()))
                .orElseGet(() ->
                        readOnly.execute(tx -> new Places(aheadIn(departmentId, now), inputs.of(departmentId, now))));
    }

    /** Reads the department's view again on the refresher thread, unless a read is under way. */
    private void refreshSoon(long departmentId) {
        if (!views.startRefresh(departmentId)) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    synchronized (views.readingLock(departmentId)) {
                        Instant now = clock.instant();
                        if (views.current(departmentId, now)
                                .filter(v -> !v.agingAt(now))
                                .isEmpty()) {
                            read(departmentId, now);
                        }
                    }
                } catch (RuntimeException e) {
                    // The view then ages out, and the next lookup reads it.
                    log.warn("Could not read the queue of department {} again: {}", departmentId, e.getMessage());
                } finally {
                    views.refreshDone(departmentId);
                }
            });
        } catch (RejectedExecutionException e) {
            views.refreshDone(departmentId);
        }
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }

    /**
     * Reads the department's view. Its two reads may see different moments: a token that began or
     * stopped waiting between them is in one map only, and a lookup then reads it from the table.
     */
    private View read(long departmentId, Instant now) {
        Stamp stamp = views.stamp(departmentId);
        View view = readOnly.execute(tx -> {
            Map<Long, Integer> ahead = aheadIn(departmentId, now);
            Map<UUID, TokenView> waiting = new HashMap<>();
            tokens.waitingIn(departmentId).forEach(t -> waiting.put(t.publicId(), TokenView.of(t)));
            return new View(stamp, now, Map.copyOf(ahead), Map.copyOf(waiting), inputs.of(departmentId, now));
        });
        views.keep(departmentId, view);
        return view;
    }

    /** For each waiting token of the department, how many are ahead of it. */
    private Map<Long, Integer> aheadIn(long departmentId, Instant now) {
        Map<Long, Integer> ahead = new HashMap<>();
        queue.queue(departmentId, now.minus(order.maxWait()), order.priorityStreakLimit())
                .waiting()
                .forEach(q -> ahead.put(q.id(), q.ahead()));
        return ahead;
    }
}
