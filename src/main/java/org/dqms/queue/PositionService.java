package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.platform.NotFoundException;
import org.dqms.queue.QueueRepository.CallOrder;
import org.dqms.queue.QueueViews.View;
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
class PositionService {

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
    private final QueueOrder order;
    private final EstimateInputs inputs;
    private final Clock clock;
    private final QueueViews views;
    private final QueueViewReader reader;
    private final TransactionTemplate readOnly;

    PositionService(
            TokenRepository tokens,
            QueueRepository queue,
            DepartmentService departments,
            QueueSettings settings,
            EstimateInputs inputs,
            Clock clock,
            QueueViews views,
            QueueViewReader reader,
            PlatformTransactionManager transactions) {
        this.tokens = tokens;
        this.queue = queue;
        this.departments = departments;
        this.order = QueueOrder.of(settings);
        this.inputs = inputs;
        this.clock = clock;
        this.views = views;
        this.reader = reader;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
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
            View view = reader.viewWith(departmentId, now, v -> true);
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
        QueueViewReader.Places places = reader.placesWith(
                departmentId, clock.instant(), v -> v.ahead().keySet().containsAll(tokenIds));
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

    /** A waiting token as the API shows it, with its position. */
    record WaitingToken(TokenView token, TokenPosition position) {}

    /**
     * The position from the department's view, read afresh when it is not current or does not know
     * the token yet (it joined on another instance a moment ago).
     */
    private TokenPosition fromView(Token token, Instant now) {
        View view = reader.viewWith(token.departmentId(), now, v -> v.ahead().containsKey(token.id()));
        Integer ahead = view.ahead().get(token.id());
        if (ahead == null) {
            // Called or cancelled since the token was read.
            TokenStatus status =
                    readOnly.execute(tx -> tokens.find(token.id()).orElseThrow().status());
            return TokenPosition.notWaiting(token.id(), status);
        }
        return TokenPosition.waiting(token.id(), ahead, view.basis().estimate(ahead));
    }

    /** Views hold only committed state: a read-write transaction reads its own changes instead. */
    private static boolean outsideWrites() {
        return !TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    private WaitEstimate estimate(long departmentId, int ahead, Instant now) {
        return inputs.of(departmentId, now).estimate(ahead);
    }
}
