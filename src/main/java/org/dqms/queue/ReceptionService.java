package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.platform.NotFoundException;
import org.dqms.queue.PositionService.DepartmentQueue;
import org.dqms.queue.ReceptionRepository.ActiveToken;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** What the reception desk shows: a department's queue with names, and a walk-in's printed ticket. */
@Service
class ReceptionService {

    private final PositionService positions;
    private final ReceptionRepository reception;
    private final TokenRepository tokens;
    private final DepartmentService departments;
    private final Clock clock;

    ReceptionService(
            PositionService positions,
            ReceptionRepository reception,
            TokenRepository tokens,
            DepartmentService departments,
            Clock clock) {
        this.positions = positions;
        this.reception = reception;
        this.tokens = tokens;
        this.departments = departments;
        this.clock = clock;
    }

    /** A department's queue as the desk lists it. */
    record Desk(Department department, List<Waiting> waiting, List<AtDoctor> atDoctor) {}

    /** A waiting token; position 1 is next. */
    record Waiting(
            int position, long tokenId, String number, String patientName, Priority priority, long waitingMinutes) {}

    /** A token called to a room, or in consultation there. */
    record AtDoctor(
            long tokenId, String number, String patientName, TokenStatus status, String room, String doctorName) {}

    /** A token as its ticket prints it; {@code position} only while it waits. */
    record Ticket(Token token, Department department, Integer position) {}

    /**
     * The department's waiting tokens in call order and those at a doctor; 404 for an unknown
     * department. One snapshot (REPEATABLE READ) serves the order and the names, so a token that
     * joins meanwhile is in both reads or in neither.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Desk desk(long departmentId) {
        Department department = departments.get(departmentId);
        DepartmentQueue queue = positions.queue(departmentId);
        List<ActiveToken> active = reception.active(departmentId);
        Map<Long, ActiveToken> byId = active.stream().collect(Collectors.toMap(ActiveToken::id, Function.identity()));
        Instant now = clock.instant();
        List<Waiting> waiting = queue.waiting().stream()
                .map(e -> new Waiting(
                        e.position(),
                        e.tokenId(),
                        e.number(),
                        byId.get(e.tokenId()).patientName(),
                        e.priority(),
                        WaitedMinutes.since(e.joinedAt(), now)))
                .toList();
        List<AtDoctor> atDoctor = active.stream()
                .filter(t -> t.status() != TokenStatus.WAITING)
                .map(t -> new AtDoctor(
                        t.id(),
                        new TokenNumber(department.prefix().value(), t.number()).display(),
                        t.patientName(),
                        t.status(),
                        t.room(),
                        t.doctorName()))
                .toList();
        return new Desk(department, waiting, atDoctor);
    }

    /** The token with its department and current place; 404 for an unknown token. */
    @Transactional(readOnly = true)
    Ticket ticket(long tokenId) {
        Token token = tokens.find(tokenId).orElseThrow(() -> new NotFoundException("Token", tokenId));
        Department department = departments.get(token.departmentId());
        return new Ticket(
                token, department, positions.positionOf(token, clock.instant()).position());
    }
}
