package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.Staffing;
import org.dqms.platform.NotFoundException;
import org.dqms.queue.QueueRepository.CallOrder;
import org.dqms.queue.QueueRepository.ServiceTimes;
import org.dqms.queue.QueueViews.Stamp;
import org.dqms.queue.QueueViews.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where waiting tokens stand: a department's queue in call order, and one token's position with its
 * wait estimate. Positions follow {@link QueueOrder}, not just arrival, and assume the department's
 * queue is served as one: a token that prefers a doctor is counted in the department's order, since
 * the patients ahead of it share the doctors on duty.
 */
@Service
class PositionService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PositionService.class);

    /** Consultations older than this do not count towards the recent service time. */
    static final int RECENT_DAYS = 7;

    static final int RECENT_CONSULTATIONS = 50;

    /** When a department has no doctor at all, only to fill in the inputs; no number is shown then. */
    private static final double USUAL_MINUTES_WITHOUT_DOCTORS = 10;

    /**
     * A token's place: {@code position} 1 is next. Only a WAITING token has one; for other statuses
     * position, ahead and estimate are left out.
     */
    record TokenPosition(long tokenId, TokenStatus status, Integer position, Integer ahead, WaitEstimate estimate) {

        static TokenPosition waiting(long tokenId, int ahead, WaitEstimate estimate) {
            return new TokenPosition(tokenId, TokenStatus.WAITING, ahead + 1, ahead, estimate);
        }

        static TokenPosition notWaiting(long tokenId, TokenStatus status) {
            return new TokenPosition(tokenId, status, null, null, null);
        }
    }

    /** A department's waiting tokens in the order they will be called. */
    record DepartmentQueue(long departmentId, int priorityStreak, List<Entry> waiting) {}

    record Entry(
            int position, long tokenId, String number, Priority priority, Long preferredDoctorId, Instant joinedAt) {}

    private final TokenRepository tokens;
    private final QueueRepository queue;
    private final DepartmentService departments;
    private final DoctorService doctors;
    private final QueueOrder order;
    private final WaitEstimator estimator;
    private final Clock clock;
    private final ObjectProvider<AppointmentsDue> appointments;
    private final QueueViews views;
    private final TransactionTemplate readOnly;
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "dqms-queue-views");
        thread.setDaemon(true);
        return thread;
    });

    PositionService(
            TokenRepository tokens,
            QueueRepository queue,
            DepartmentService departments,
            DoctorService doctors,
            QueueSettings settings,
            Clock clock,
            ObjectProvider<AppointmentsDue> appointments,
            QueueViews views,
            PlatformTransactionManager transactions) {
        this.appointments = appointments;
        this.views = views;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.tokens = tokens;
        this.queue = queue;
        this.departments = departments;
        this.doctors = doctors;
        this.order = QueueOrder.of(settings);
        this.estimator = new WaitEstimator(settings.serviceTimeWeight());
        this.clock = clock;
    }

    /** The token's position and estimate; 404 for an unknown token. */
    @Transactional(readOnly = true)
    TokenPosition position(long tokenId) {
        Token token = tokens.find(tokenId).orElseThrow(() -> new NotFoundException("Token", tokenId));
        return positionOf(token, clock.instant());
    }

    /**
     * The position of a token just read, such as by its link. Outside a transaction: a position
     * from a current {@link QueueViews view} needs no statement at all.
     */
    TokenPosition position(Token token) {
        return positionOf(token, clock.instant());
    }

    /** The department's queue; 404 for an unknown department. */
    @Transactional(readOnly = true)
    DepartmentQueue queue(long departmentId) {
        Department department = departments.get(departmentId);
        Instant now = clock.instant();
        CallOrder callOrder = queue.queue(departmentId, now.minus(order.maxWait()), order.priorityStreakLimit());
        List<Entry> waiting = callOrder.waiting().stream()
                .map(q -> new Entry(
                        q.ahead() + 1,
                        q.id(),
                        new TokenNumber(department.prefix().value(), q.number()).display(),
                        q.priority(),
                        q.preferredDoctorId(),
                        q.joinedAt()))
                .toList();
        return new DepartmentQueue(departmentId, callOrder.streak(), waiting);
    }

    TokenPosition positionOf(Token token, Instant now) {
        if (token.status() != TokenStatus.WAITING) {
            return TokenPosition.notWaiting(token.id(), token.status());
        }
        if (outsideWrites()) {
            return fromView(token, now);
        }
        long departmentId = token.departmentId();
        Integer ahead = queue.ahead(token.id(), departmentId, now.minus(order.maxWait()), order.priorityStreakLimit())
                .orElse(null);
        if (ahead == null) {
            // Called or cancelled between the two reads.
            TokenStatus status = tokens.find(token.id()).orElseThrow().status();
            return TokenPosition.notWaiting(token.id(), status);
        }
        return TokenPosition.waiting(token.id(), ahead, estimate(departmentId, ahead, now));
    }

    /**
     * A waiting token with its position, by the token's link, from its department's view: no
     * statement at all while the view is current. Empty unless a view held the token as waiting; the
     * caller then reads the token itself (it is not waiting, or no view of its department was read
     * since it joined).
     */
    Optional<WaitingToken> waitingByLink(UUID publicId) {
        if (!outsideWrites()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return views.departmentOf(publicId).flatMap(departmentId -> {
            View view = viewWith(departmentId, now, v -> true);
            TokenView token = view.waiting().get(publicId);
            Integer ahead = token == null ? null : view.ahead().get(token.id());
            if (ahead == null) {
                return Optional.empty();
            }
            return Optional.of(new WaitingToken(
                    token, TokenPosition.waiting(token.id(), ahead, view.basis().estimate(ahead))));
        });
    }

    /**
     * The positions of the department's tokens that are waiting, from its current view if that holds
     * them all, else from its queue and estimate inputs read now (without the tokens' details that a
     * view keeps for lookups, which cost more to read than the places). A token missing from them
     * no longer waits. Outside write transactions only.
     */
    Map<Long, TokenPosition> waitingPositions(long departmentId, Collection<Long> tokenIds) {
        Instant now = clock.instant();
        Places places = views.current(departmentId, now)
                .filter(v -> v.ahead().keySet().containsAll(tokenIds))
                .map(v -> new Places(v.ahead(), v.basis()))
                .orElseGet(() -> readOnly.execute(
                        tx -> new Places(aheadIn(departmentId, now), estimateBasis(departmentId, now))));
        Map<Long, TokenPosition> positions = new HashMap<>();
        for (Long tokenId : tokenIds) {
            Integer ahead = places.ahead().get(tokenId);
            if (ahead != null) {
                positions.put(
                        tokenId,
                        TokenPosition.waiting(tokenId, ahead, places.basis().estimate(ahead)));
            }
        }
        return positions;
    }

    private record Places(Map<Long, Integer> ahead, EstimateBasis basis) {}

    /** For each waiting token of the department, how many are ahead of it. */
    private Map<Long, Integer> aheadIn(long departmentId, Instant now) {
        Map<Long, Integer> ahead = new HashMap<>();
        queue.queue(departmentId, now.minus(order.maxWait()), order.priorityStreakLimit())
                .waiting()
                .forEach(q -> ahead.put(q.id(), q.ahead()));
        return ahead;
    }

    /** A waiting token as the API shows it, with its position. */
    record WaitingToken(TokenView token, TokenPosition position) {}

    /**
     * The position from the department's view, read afresh when it is not current or does not know
     * the token yet (it joined on another instance a moment ago).
     */
    private TokenPosition fromView(Token token, Instant now) {
        View view = viewWith(token.departmentId(), now, v -> v.ahead().containsKey(token.id()));
        Integer ahead = view.ahead().get(token.id());
        if (ahead == null) {
            // Called or cancelled since the token was read.
            TokenStatus status =
                    readOnly.execute(tx -> tokens.find(token.id()).orElseThrow().status());
            return TokenPosition.notWaiting(token.id(), status);
        }
        return TokenPosition.waiting(token.id(), ahead, view.basis().estimate(ahead));
    }

    /**
     * The department's current view if it is {@code fit}, else one read now. A current view that is
     * aging is read again on the refresher thread meanwhile.
     */
    private View viewWith(long departmentId, Instant now, Predicate<View> fit) {
        Optional<View> current = views.current(departmentId, now).filter(fit);
        if (current.isPresent()) {
            if (current.get().agingAt(now)) {
                refreshSoon(departmentId);
            }
            return current.get();
        }
        synchronized (views.readingLock(departmentId)) {
            // Another lookup may have read it while this one waited.
            return views.current(departmentId, now).filter(fit).orElseGet(() -> readView(departmentId, now));
        }
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
                            readView(departmentId, now);
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
    private View readView(long departmentId, Instant now) {
        Stamp stamp = views.stamp(departmentId);
        View view = readOnly.execute(tx -> {
            Map<Long, Integer> ahead = aheadIn(departmentId, now);
            Map<UUID, TokenView> waiting = new HashMap<>();
            tokens.waitingIn(departmentId).forEach(t -> waiting.put(t.publicId(), TokenView.of(t)));
            return new View(stamp, now, Map.copyOf(ahead), Map.copyOf(waiting), estimateBasis(departmentId, now));
        });
        views.keep(departmentId, view);
        return view;
    }

    /** Views hold only committed state: a read-write transaction reads its own changes instead. */
    private static boolean outsideWrites() {
        return !TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    private WaitEstimate estimate(long departmentId, int ahead, Instant now) {
        return estimateBasis(departmentId, now).estimate(ahead);
    }

    /**
     * What every waiting token's estimate in the department shares; only the number ahead differs.
     * Read once, it prices a whole queue.
     */
    EstimateBasis estimateBasis(long departmentId, Instant now) {
        LocalDate since = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(RECENT_DAYS);
        List<Instant> due = appointments.stream()
                .flatMap(a -> a.due(departmentId, now, now.plus(DUE_HORIZON)).stream())
                .toList();
        Staffing staffing = doctors.staffing(departmentId);
        ServiceTimes times = queue.serviceTimes(departmentId, since, RECENT_CONSULTATIONS, now);
        return new EstimateBasis(
                estimator,
                staffing.doctorsOnDuty(),
                times.recentMinutes(),
                staffing.usualMinutes().orElse(USUAL_MINUTES_WITHOUT_DOCTORS),
                times.minutesSpent(),
                now,
                due);
    }

    /** How far ahead booked appointments are looked for. */
    static final java.time.Duration DUE_HORIZON = java.time.Duration.ofHours(12);

    /**
     * @param due booked appointments not yet checked in: each one due before a patient's turn will
     *     take a place ahead of them, so it counts as one more ahead
     */
    record EstimateBasis(
            WaitEstimator estimator,
            double doctorsOnDuty,
            List<Double> recentMinutes,
            double usualMinutes,
            List<Double> minutesSpent,
            Instant now,
            List<Instant> due) {

        WaitEstimate estimate(int ahead) {
            WaitEstimate queueOnly = estimateWith(ahead);
            if (due.isEmpty() || !queueOnly.hasNumbers()) {
                return queueOnly;
            }
            Instant turn = now.plus(java.time.Duration.ofMinutes(queueOnly.likelyMinutes()));
            long dueBefore = due.stream().filter(at -> !at.isAfter(turn)).count();
            return dueBefore == 0 ? queueOnly : estimateWith(ahead + (int) dueBefore);
        }

        private WaitEstimate estimateWith(int ahead) {
            return estimator.estimate(
                    new WaitEstimator.Inputs(ahead, doctorsOnDuty, recentMinutes, usualMinutes, minutesSpent));
        }
    }
}
