package org.dqms.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dqms.department.DepartmentChanged;
import org.dqms.doctor.DoctorChanged;
import org.dqms.doctor.DoctorLeftDepartments;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Rounds;
import org.dqms.queue.TokenEvents.TokenEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells every instance which departments changed. Joins and calls never NOTIFY inside their own
 * transaction, since every notifying commit in PostgreSQL queues on one global lock: after commit
 * the department is only marked, and every {@code notifyInterval} one NOTIFY carries all marked
 * departments. A failed NOTIFY keeps its departments marked for the next round.
 */
class QueueChangeNotifier implements SmartLifecycle {

    static final String CHANNEL = "dqms_queue";

    private static final String NOTIFY = "SELECT pg_notify('dqms_queue', :payload)";

    /** Below PostgreSQL's 8000-byte payload limit. */
    static final int MAX_PAYLOAD = 7000;

    private static final Logger log = LoggerFactory.getLogger(QueueChangeNotifier.class);

    private final Set<Long> changed = ConcurrentHashMap.newKeySet();
    private final JdbcClient jdbc;
    private final DoctorService doctors;
    private final LiveSettings settings;
    private volatile Rounds rounds;
    private volatile boolean failing;

    QueueChangeNotifier(JdbcClient jdbc, DoctorService doctors, LiveSettings settings) {
        this.jdbc = jdbc;
        this.doctors = doctors;
        this.settings = settings;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TokenEvent event) {
        changed.add(event.departmentId());
    }

    /** Duty and rooms change what the boards show and what the estimates assume. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(DoctorChanged event) {
        doctors.find(event.doctorId()).ifPresent(doctor -> changed.addAll(doctor.departmentIds()));
    }

    /** The doctor's rooms leave the boards of the departments they left. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(DoctorLeftDepartments event) {
        changed.addAll(event.departmentIds());
    }

    /** Names and hours show on the boards. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(DepartmentChanged event) {
        changed.add(event.departmentId());
    }

    /** Sends what changed since the last round; nothing when nothing changed. */
    void flush() {
        if (changed.isEmpty()) {
            return;
        }
        List<Long> departments = new ArrayList<>(changed);
        changed.removeAll(departments);
        try {
            for (String payload : payloads(departments)) {
                jdbc.sql(NOTIFY).param("payload", payload).query().singleRow();
            }
            if (failing) {
                log.info("Live updates: NOTIFY works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            changed.addAll(departments);
            if (!failing) {
                log.warn("Live updates: NOTIFY failed, will retry: {}", e.getMessage());
                failing = true;
            }
        }
    }

    /** Department ids, comma-separated, split so that no payload exceeds {@link #MAX_PAYLOAD}. */
    static List<String> payloads(List<Long> departments) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        for (Long id : departments) {
            String next = id.toString();
            if (payload.length() + next.length() + 1 > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload.setLength(0);
            }
            if (!payload.isEmpty()) {
                payload.append(',');
            }
            payload.append(next);
        }
        if (!payload.isEmpty()) {
            payloads.add(payload.toString());
        }
        return payloads;
    }

    @Override
    public void start() {
        Duration interval = settings.notifyInterval();
        rounds = Rounds.start("dqms-live-notify", interval, interval, this::flush, this::failed);
    }

    private void failed(Throwable e) {
        log.warn("Live updates: {}", e.getMessage());
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void stop() {
        Rounds current = rounds;
        if (current != null) {
            current.finish(Duration.ZERO);
            flushQuietly();
        }
        rounds = null;
    }

    @Override
    public boolean isRunning() {
        return rounds != null;
    }
}
