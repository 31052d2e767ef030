package org.dqms.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dqms.queue.LiveToken;
import org.dqms.queue.QueueSnapshot;
import org.dqms.queue.QueueSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instance's open streams by department, and what they are sent. When a department changes,
 * one snapshot is read for it, whatever the number of streams, and each stream gets what differs
 * from what it was last sent. Snapshots are read and sent on one thread, in order, so a stream never
 * gets an older snapshot after a newer one; a department marked again while it waits is read once.
 * A new stream is served the same way: it has been sent nothing, so it gets the whole snapshot. A
 * department is also read when it opens or closes by the clock ({@link OpenStateWakeups}).
 */
final class LiveHub implements SmartLifecycle, AutoCloseable {

    static final String QUEUE_EVENT = "queue";
    static final String TOKEN_EVENT = "token";

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    /**
     * A department whose snapshot could not be read (the pool busy, the database restarting) is read
     * again after this long: its streams must not wait for the next change, which may be many minutes
     * away, to learn who was called.
     */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final QueueSnapshots snapshots;
    private final JsonMapper json;
    private final Map<Long, Subscribers> byDepartment = new ConcurrentHashMap<>();
    private final Map<SseClient, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final AtomicLong eventIds = new AtomicLong(System.currentTimeMillis());
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dqms-live-send");
        thread.setDaemon(true);
        return thread;
    });
    private final Counter dropped;
    private final OpenStateWakeups wakeups;

    LiveHub(QueueSnapshots snapshots, JsonMapper json, MeterRegistry meters, Clock clock) {
        this.snapshots = snapshots;
        this.json = json;
        this.wakeups = new OpenStateWakeups(sender, clock, departmentId -> changed(List.of(departmentId)));
        Gauge.builder("dqms.live.streams", subscriptions, Map::size)
                .description("Open event streams on this instance")
                .register(meters);
        this.dropped = Counter.builder("dqms.live.dropped")
                .description("Streams dropped because the client fell too far behind")
                .register(meters);
    }

    /** What one stream follows: the boards of some departments, or one token of one department. */
    private record Subscription(Set<Long> departments, Long tokenId) {}

    private static final class Subscribers {
        final Set<SseClient> boards = ConcurrentHashMap.newKeySet();
        final Map<Long, Set<SseClient>> tokens = new ConcurrentHashMap<>();
    }

    void subscribeBoards(SseClient client, Collection<Long> departments) {
        departments.forEach(id -> subscribers(id).boards.add(client));
        if (registered(client, new Subscription(Set.copyOf(departments), null))) {
            changed(departments);
        }
    }

    void subscribeToken(SseClient client, long departmentId, long tokenId) {
        // Added inside the map's atomic update: the set that computeIfAbsent returned could be
        // removed by the unsubscribe of the token's last stream before the add.
        subscribers(departmentId).tokens.compute(tokenId, (id, clients) -> {
            Set<SseClient> following = clients == null ? ConcurrentHashMap.newKeySet() : clients;
            following.add(client);
            return following;
        });
        if (registered(client, new Subscription(Set.of(departmentId), tokenId))) {
            changed(List.of(departmentId));
        }
    }

    /**
     * Counts the stream once it is in its departments' sets, unless it has closed meanwhile (a
     * first write to a reset connection, the client gone): its own unsubscribe then found nothing,
     * so it is taken out here. Either that unsubscribe sees the subscription or this sees the close.
     */
    private boolean registered(SseClient client, Subscription subscription) {
        subscriptions.put(client, subscription);
        if (client.isClosed()) {
            unsubscribe(client);
            return false;
        }
        return true;
    }

    void unsubscribe(SseClient client) {
        Subscription subscription = subscriptions.remove(client);
        if (subscription == null) {
            return;
        }
        if (client.dropped()) {
            dropped.increment();
        }
        for (Long departmentId : subscription.departments()) {
            Subscribers subscribers = byDepartment.get(departmentId);
            if (subscribers == null) {
                continue;
            }
            subscribers.boards.remove(client);
            if (subscription.tokenId() != null) {
                subscribers.tokens.computeIfPresent(subscription.tokenId(), (id, clients) -> {
                    clients.remove(client);
                    return clients.isEmpty() ? null : clients;
                });
            }
        }
    }

    /** Open streams on this instance. */
    int streams() {
        return subscriptions.size();
    }

    /** The departments changed: each one with streams here is read once more and sent. */
    void changed(Collection<Long> departments) {
        for (Long departmentId : departments) {
            if (byDepartment.containsKey(departmentId) && pending.add(departmentId)) {
                try {
                    sender.execute(() -> {
                        pending.remove(departmentId);
                        send(departmentId);
                    });
                } catch (RejectedExecutionException e) {
                    pending.remove(departmentId);
                }
            }
        }
    }

    /** After notifications may have been missed: every department with streams here. */
    void refreshAll() {
        changed(List.copyOf(byDepartment.keySet()));
    }

    void heartbeat() {
        subscriptions.keySet().forEach(SseClient::heartbeat);
    }

    private Subscribers subscribers(long departmentId) {
        return byDepartment.computeIfAbsent(departmentId, id -> new Subscribers());
    }

    private void send(long departmentId) {
        Subscribers subscribers = byDepartment.get(departmentId);
        if (subscribers == null) {
            return;
        }
        // An empty entry stays: departments are few, and removing it could race a new subscriber.
        if (subscribers.boards.isEmpty() && subscribers.tokens.isEmpty()) {
            return;
        }
        QueueSnapshot snapshot;
        try {
            snapshot = snapshots.snapshot(departmentId, Set.copyOf(subscribers.tokens.keySet()));
        } catch (RuntimeException e) {
            log.warn(
                    "Live updates: cannot read department {}, trying again in {} s: {}",
                    departmentId,
                    RETRY_AFTER.toSeconds(),
                    e.getMessage());
            retry(departmentId);
            return;
        }
        wakeups.after(departmentId, snapshot.nextOpeningOrClosing());
        long id = eventIds.incrementAndGet();
        if (!subscribers.boards.isEmpty()) {
            String board = json.writeValueAsString(snapshot.board());
            String key = Long.toString(departmentId);
            subscribers.boards.forEach(client -> client.send(QUEUE_EVENT, key, id, board));
        }
        subscribers.tokens.forEach((tokenId, clients) -> {
            LiveToken token = snapshot.tokens().get(tokenId);
            if (token != null) {
                String data = json.writeValueAsString(token);
                clients.forEach(client -> client.send(TOKEN_EVENT, Long.toString(tokenId), id, data));
            }
        });
    }

    private void retry(long departmentId) {
        try {
            sender.schedule(() -> changed(List.of(departmentId)), RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down.
        }
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every stream before the web server's graceful shutdown begins, which would otherwise wait
     * for them; the browsers reconnect to another instance.
     */
    @Override
    public void stop() {
        running = false;
        List.copyOf(subscriptions.keySet()).forEach(SseClient::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        sender.shutdownNow();
        List.copyOf(subscriptions.keySet()).forEach(SseClient::close);
    }
}
