package org.dqms.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dqms.department.DepartmentChanged;
import org.dqms.doctor.DoctorChanged;
import org.dqms.queue.TokenEvents.TokenEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Each department's waiting queue in call order, with what its estimates share, kept in memory so
 * that a phone asking for its place does not rank the whole queue again (ADR 0018). A view is
 * dropped when its department changes on this instance (after the commit, before the request that
 * changed it answers), when another instance's change notification arrives ({@link #changed}), and in
 * any case once it is {@link #MAX_AGE} old: a position read here is never older than that.
 *
 * <p>Views are only ever read and built outside read-write transactions, so a view never holds
 * changes that are not committed, and a writer never decides from a view.
 */
@Component
public class QueueViews {

    /** The most a view may lag behind the database, whatever notifications arrive or not. */
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    /**
     * A view this old is read again in the background on its next lookup, while lookups go on with
     * it, so that under steady load no lookup waits for a read because the view aged out.
     */
    static final Duration REFRESH_AFTER = Duration.ofMillis(700);

    /** Which state of the department a view was read in; it is current while nothing changed since. */
    record Stamp(long generation, long version) {}

    /**
     * @param ahead for each waiting token, how many are ahead of it
     * @param waiting the waiting tokens by their links, as the API shows them
     */
    record View(
            Stamp stamp, Instant readAt, Map<Long, Integer> ahead, Map<UUID, TokenView> waiting, EstimateBasis basis) {

        boolean youngAt(Instant now) {
            return !now.isBefore(readAt) && now.isBefore(readAt.plus(MAX_AGE));
        }

        boolean agingAt(Instant now) {
            return !now.isBefore(readAt.plus(REFRESH_AFTER));
        }
    }

    private final AtomicLong generation = new AtomicLong();
    private final Map<Long, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Map<Long, View> views = new ConcurrentHashMap<>();
    private final Map<Long, Object> reading = new ConcurrentHashMap<>();
    // A token never changes department (a transfer issues a new token with a new link), so an entry
    // here never turns wrong; it is removed once a view of the department no longer holds the link.
    private final Map<UUID, Long> departmentOfLink = new ConcurrentHashMap<>();
    private final Map<Long, Set<UUID>> linksKept = new ConcurrentHashMap<>();
    private final Set<Long> refreshing = ConcurrentHashMap.newKeySet();
    private final Counter reads;

    QueueViews(MeterRegistry meters) {
        this.reads = Counter.builder("dqms.queue.view.reads")
                .description("Department views read from the database for position lookups")
                .register(meters);
    }

    /** The department's state now; take it before reading a view. */
    Stamp stamp(long departmentId) {
        AtomicLong version = versions.get(departmentId);
        return new Stamp(generation.get(), version == null ? 0 : version.get());
    }

    /** The department's view if nothing changed since it was read and it is young enough. */
    Optional<View> current(long departmentId, Instant now) {
        View view = views.get(departmentId);
        if (view == null || !view.youngAt(now) || !view.stamp().equals(stamp(departmentId))) {
            return Optional.empty();
        }
        return Optional.of(view);
    }

    /**
     * Keeps a view just read. One read while the department changed is stored too, but its stamp
     * no longer matches, so {@link #current} never returns it.
     */
    void keep(long departmentId, View view) {
        reads.increment();
        views.put(departmentId, view);
        Set<UUID> links = view.waiting().keySet();
        links.forEach(link -> departmentOfLink.put(link, departmentId));
        Set<UUID> before = linksKept.put(departmentId, links);
        if (before != null) {
            before.stream().filter(link -> !links.contains(link)).forEach(departmentOfLink::remove);
        }
    }

    /** The department of a token a view held as waiting, if one did since. */
    Optional<Long> departmentOf(UUID link) {
        return Optional.ofNullable(departmentOfLink.get(link));
    }

    /**
     * Held while the department's view is read, so that lookups arriving meanwhile wait for that
     * read instead of each reading the queue again.
     */
    Object readingLock(long departmentId) {
        return reading.computeIfAbsent(departmentId, id -> new Object());
    }

    /** Claims the department's background refresh; false if one is already under way. */
    boolean startRefresh(long departmentId) {
        return refreshing.add(departmentId);
    }

    void refreshDone(long departmentId) {
        refreshing.remove(departmentId);
    }

    /** These departments changed, here or on another instance. */
    public void changed(Collection<Long> departmentIds) {
        for (Long departmentId : departmentIds) {
            versions.computeIfAbsent(departmentId, id -> new AtomicLong()).incrementAndGet();
            views.remove(departmentId);
        }
    }

    /** Anything may have changed, say because notifications were lost: no view is current. */
    public void forgetAll() {
        generation.incrementAndGet();
        views.clear();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TokenEvent event) {
        changed(List.of(event.departmentId()));
    }

    /** Duty changes the estimates of every department the doctor serves; rare enough to drop all. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(DoctorChanged event) {
        forgetAll();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(DepartmentChanged event) {
        forgetAll();
    }
}
