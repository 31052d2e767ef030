package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.queue.PositionService.DepartmentQueue;
import org.dqms.queue.PositionService.Entry;
import org.dqms.queue.QueueBoard.Calling;
import org.dqms.queue.QueueBoard.Upcoming;
import org.dqms.queue.SnapshotRepository.TokenState;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The live screens' view of a department: its board and the tokens that phones follow. However many
 * tokens are asked for, a snapshot costs the same few statements: the queue is read once and every
 * waiting token is priced from one {@link EstimateBasis}.
 */
@Service
public class QueueSnapshots {

    private final PositionService positions;
    private final EstimateInputs inputs;
    private final SnapshotRepository snapshots;
    private final DepartmentService departments;
    private final Clock clock;

    QueueSnapshots(
            PositionService positions,
            EstimateInputs inputs,
            SnapshotRepository snapshots,
            DepartmentService departments,
            Clock clock) {
        this.positions = positions;
        this.inputs = inputs;
        this.snapshots = snapshots;
        this.departments = departments;
        this.clock = clock;
    }

    /** The token a capability link names; empty for a link that names none. */
    @Transactional(readOnly = true)
    public Optional<TokenRef> byLink(UUID publicId) {
        return snapshots.byLink(publicId);
    }

    /** The department's board and the given tokens of it; 404 for an unknown department. */
    @Transactional(readOnly = true)
    public QueueSnapshot snapshot(long departmentId, Collection<Long> tokenIds) {
        Department department = departments.get(departmentId);
        Instant now = clock.instant();
        DepartmentQueue queue = positions.queue(departmentId);
        List<TokenState> calling = snapshots.calling(departmentId);
        QueueBoard board = board(department, queue, calling, now);
        Instant turns = department.nextOpeningOrClosing(now).orElse(null);
        if (tokenIds.isEmpty()) {
            return new QueueSnapshot(board, Map.of(), turns);
        }
        Map<Long, LiveToken> tokens = new HashMap<>();
        Map<Long, Entry> waiting = queue.waiting().stream()
                .filter(e -> tokenIds.contains(e.tokenId()))
                .collect(Collectors.toMap(Entry::tokenId, Function.identity()));
        if (!waiting.isEmpty()) {
            EstimateBasis basis = inputs.of(departmentId, now);
            waiting.values().forEach(e -> tokens.put(e.tokenId(), waiting(department, e, basis)));
        }
        Set<Long> others =
                tokenIds.stream().filter(id -> !waiting.containsKey(id)).collect(Collectors.toSet());
        if (!others.isEmpty()) {
            snapshots.tokens(departmentId, others).forEach(s -> tokens.put(s.id(), notWaiting(department, s)));
        }
        return new QueueSnapshot(board, Map.copyOf(tokens), turns);
    }

    private static QueueBoard board(
            Department department, DepartmentQueue queue, List<TokenState> calling, Instant now) {
        List<Calling> called = calling.stream()
                .map(s -> new Calling(
                        s.id(),
                        number(department, s.number()),
                        s.room(),
                        s.doctorName(),
                        s.status(),
                        s.calledAt(),
                        s.recallCount()))
                .toList();
        List<Upcoming> upcoming = queue.waiting().stream()
                .limit(QueueBoard.UPCOMING)
                .map(e -> new Upcoming(e.number(), e.position(), e.priority().name()))
                .toList();
        Instant oldest = queue.waiting().stream()
                .map(Entry::joinedAt)
                .min(Instant::compareTo)
                .orElse(null);
        return new QueueBoard(
                department.id(),
                department.name(),
                department.isOpen(now),
                called,
                upcoming,
                queue.waiting().size(),
                oldest);
    }

    private static LiveToken waiting(Department department, Entry entry, EstimateBasis basis) {
        WaitEstimate estimate = basis.estimate(entry.position() - 1);
        return new LiveToken(
                entry.tokenId(),
                entry.number(),
                department.id(),
                TokenStatus.WAITING.name(),
                entry.position(),
                entry.position() - 1,
                estimate.likelyMinutes(),
                estimate.upperMinutes(),
                estimate.inputs().doctorsOnDuty(),
                estimate.inputs().serviceMinutes(),
                null,
                null,
                null,
                null);
    }

    private static LiveToken notWaiting(Department department, TokenState state) {
        boolean atDoctor = state.status().equals(TokenStatus.CALLED.name())
                || state.status().equals(TokenStatus.IN_CONSULTATION.name());
        return new LiveToken(
                state.id(),
                number(department, state.number()),
                department.id(),
                state.status(),
                null,
                null,
                null,
                null,
                null,
                null,
                atDoctor ? state.room() : null,
                atDoctor ? state.doctorName() : null,
                atDoctor ? state.calledAt() : null,
                state.nextLink());
    }

    private static String number(Department department, int number) {
        return new TokenNumber(department.prefix().value(), number).display();
    }
}
