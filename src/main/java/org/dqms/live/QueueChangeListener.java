package org.dqms.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dqms.database.DirectSessions;
import org.dqms.database.SchemaGate;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The instance's one listening session, on the direct URL (LISTEN does not survive a transaction
 * pooler). It hands the departments each notification names to the hub. When the session breaks,
 * say because the database restarted, it reconnects on its own, backing off up to {@link
 * #MAX_BACKOFF}, and then asks the hub to refresh everything, since notifications sent meanwhile are
 * lost. It opens no session while the schema is behind this build ({@link SchemaGate}): each
 * notification and each reconnect make the instance read its queues, with this release's SQL.
 */
class QueueChangeListener implements SmartLifecycle {

    static final String APPLICATION_NAME = "dqms-listen";

    private static final String LISTEN = "LISTEN " + QueueChangeNotifier.CHANNEL;
    private static final String PING = "SELECT 1";

    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    /** How often a listener held back by a schema that is behind asks again. */
    private static final Duration SCHEMA_WAIT = Duration.ofSeconds(1);

    private static final int WAIT_MILLIS = 500;
    /** A session that died without a word (no FIN from a vanished host) shows up at the next ping. */
    private static final Duration PING_EVERY = Duration.ofSeconds(10);
    /**
     * How long the session may stay silent while dqms waits for an answer. Without it a ping into a
     * connection whose host vanished would wait until the operating system gives up, about 15
     * minutes, while the instance reports itself listening and its boards stand still.
     */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(QueueChangeListener.class);

    private final DirectSessions sessions;
    private final SchemaGate schema;
    private final Consumer<List<Long>> changed;
    private final Runnable reconnected;
    private final Clock clock;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Instant since;
    private volatile Thread thread;

    QueueChangeListener(
            DirectSessions sessions, SchemaGate schema, Consumer<List<Long>> changed, Runnable reconnected) {
        this.sessions = sessions;
        this.schema = schema;
        this.changed = changed;
        this.reconnected = reconnected;
        // Wall time, not the application's clock: tests move that one.
        this.clock = Clock.systemUTC();
        this.since = this.clock.instant();
    }

    /** Whether the session is open and listening. */
    boolean listening() {
        return listening;
    }

    /** Since when it has been listening, or not. */
    Instant since() {
        return since;
    }

    @Override
    public void start() {
        running = true;
        Thread started = new Thread(this::run, "dqms-live-listen");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            try {
                current.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        boolean everListened = false;
        while (running) {
            if (!schemaCurrent()) {
                sleep(SCHEMA_WAIT);
                continue;
            }
            try (Connection session = sessions.open(APPLICATION_NAME)) {
                session.setNetworkTimeout(Runnable::run, (int) ANSWER_TIMEOUT.toMillis());
                try (Statement listen = session.createStatement()) {
                    listen.execute(LISTEN);
                }
                changeState(true);
                if (everListened) {
                    log.info("Live updates: listening again");
                }
                everListened = true;
                backoff = FIRST_BACKOFF;
                reconnected.run();
                listen(session);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (listening || !everListened) {
                    log.warn("Live updates: the listening session failed, reconnecting: {}", e.getMessage());
                }
                changeState(false);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        changeState(false);
    }

    private void listen(Connection session) throws SQLException {
        PGConnection pg = session.unwrap(PGConnection.class);
        Instant lastPing = clock.instant();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                changed.accept(departments(notifications));
            }
            if (clock.instant().isAfter(lastPing.plus(PING_EVERY))) {
                try (Statement ping = session.createStatement()) {
                    ping.execute(PING);
                }
                lastPing = clock.instant();
            }
        }
    }

    /** The department ids the notifications name; anything else in a payload is ignored. */
    static List<Long> departments(PGNotification[] notifications) {
        List<Long> ids = new ArrayList<>();
        for (PGNotification notification : notifications) {
            for (String id : notification.getParameter().split(",")) {
                try {
                    ids.add(Long.parseLong(id.trim()));
                } catch (NumberFormatException e) {
                    // Somebody else's NOTIFY on our channel: not ours to act on.
                }
            }
        }
        return ids;
    }

    /** Whether the schema is current; a database that cannot tell, being down, is asked again later. */
    private boolean schemaCurrent() {
        try {
            return schema.open();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void changeState(boolean nowListening) {
        if (listening != nowListening) {
            listening = nowListening;
            since = clock.instant();
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
