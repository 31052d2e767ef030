package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Consumer;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.dqms.queue.TokenCounterRepository.Numbered;
import org.dqms.queue.TokenEvents.TokenJoined;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do with one token after it is called: recall, start, complete, mark no-show, cancel and
 * transfer. Each locks the token, applies the guarded transition (409 naming the current status if
 * it does not apply), stores it with its history line and publishes its event.
 */
@Service
class TokenActionService {

    private final TokenRepository tokens;
    private final JoinRepository joins;
    private final TokenCounterRepository counters;
    private final DepartmentService departments;
    private final DoctorService doctors;
    private final ApplicationEventPublisher events;
    private final QueueSettings settings;
    private final Clock clock;

    TokenActionService(
            TokenRepository tokens,
            JoinRepository joins,
            TokenCounterRepository counters,
            DepartmentService departments,
            DoctorService doctors,
            ApplicationEventPublisher events,
            QueueSettings settings,
            Clock clock) {
        this.tokens = tokens;
        this.joins = joins;
        this.counters = counters;
        this.departments = departments;
        this.doctors = doctors;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Who may act is checked on the locked token, inside the action's transaction: staff pass
     * {@link TokenAccess#actingOn}; a patient's link, which is itself the permission, passes this.
     */
    static final Consumer<Token> ANYONE = token -> {};

    /** Where a transfer sends the patient: a department, a doctor, or a doctor in a department. */
    record TransferTarget(Long departmentId, Long doctorId) {}

    /** The previous token, now TRANSFERRED, and the new WAITING token that continues the journey. */
    record Transfer(Token previous, Token next) {}

    /**
     * CALLED → WAITING, keeping the token's place. A token already recalled {@code
     * noShowAfterRecalls} times ({@code DQMS_QUEUE_NO_SHOW_AFTER_RECALLS}) becomes NO_SHOW instead:
     * with the default 2 a patient is called three times in all.
     */
    @Transactional
    Token recall(Actor actor, long tokenId, String reason, Consumer<Token> mayAct) {
        Token token = locked(tokenId, mayAct);
        Instant now = clock.instant();
        if (token.status() == TokenStatus.CALLED && token.recallCount() >= settings.noShowAfterRecalls()) {
            token.markNoShow(actor, now, "not present after " + token.recallCount() + " recalls");
        } else {
            token.recall(actor, now, reason);
        }
        return stored(token);
    }

    @Transactional
    Token start(Actor actor, long tokenId, Consumer<Token> mayAct) {
        Token token = locked(tokenId, mayAct);
        token.start(actor, clock.instant());
        return stored(token);
    }

    @Transactional
    Token complete(Actor actor, long tokenId, String notes, Consumer<Token> mayAct) {
        Token token = locked(tokenId, mayAct);
        token.complete(actor, clock.instant(), notes);
        return stored(token);
    }

    @Transactional
    Token markNoShow(Actor actor, long tokenId, String reason, Consumer<Token> mayAct) {
        Token token = locked(tokenId, mayAct);
        token.markNoShow(actor, clock.instant(), reason);
        return stored(token);
    }

    @Transactional
    Token cancel(Actor actor, long tokenId, String reason, Consumer<Token> mayAct) {
        Token token = locked(tokenId, mayAct);
        token.cancel(actor, clock.instant(), reason);
        return stored(token);
    }

    /**
     * COMPLETED or WAITING → TRANSFERRED, and a new WAITING token for the same patient, with the same
     * priority, the next number of the target department's day, and a link to this one. A doctor
     * without a department sends the patient to the doctor in the token's own department if they
     * serve it, else in the doctor's only department. 404 for an unknown token, department or doctor;
     * 400 for a target that makes no sense; 409 for a wrong status, a closed or full department.
     */
    @Transactional
    Transfer transfer(Actor actor, long tokenId, TransferTarget target, String reason, Consumer<Token> mayAct) {
        return transferLocked(actor, locked(tokenId, mayAct), target, reason);
    }

    /**
     * The console's referral: IN_CONSULTATION → COMPLETED with the doctor's notes, then → TRANSFERRED
     * as {@link #transfer} does, in one transaction; a refused transfer leaves the consultation as it
     * was. 409 naming the status for a token not in consultation.
     */
    @Transactional
    Transfer completeAndTransfer(
            Actor actor, long tokenId, String notes, TransferTarget target, String reason, Consumer<Token> mayAct) {
        Token token = locked(tokenId, mayAct);
        token.complete(actor, clock.instant(), notes);
        return transferLocked(actor, token, target, reason);
    }

    private Transfer transferLocked(Actor actor, Token previous, TransferTarget target, String reason) {
        previous.requireTransferable();
        Department department = departments.get(targetDepartment(previous, target));
        Long doctorId = target.doctorId();
        if (department.id() == previous.departmentId() && doctorId == null) {
            throw new IllegalArgumentException("a transfer names another department or a doctor");
        }
        // Until the new token is stored, the doctor it waits for is not moved out of the department.
        if (doctorId != null && !doctors.holdsServing(doctorId, department.id())) {
            throw notServing(doctorId, department.id());
        }
        Instant now = clock.instant();
        if (!department.isOpen(now)) {
            throw new ConflictException(
                    "Department closed",
                    department.name() + " is closed; a patient can be transferred there while it is open.",
                    Map.of("reason", "closed", "departmentId", department.id()));
        }
        LocalDate serviceDate = department.today(now);
        Numbered numbered = counters.next(department.id(), serviceDate, department.dailyCapacity(), now)
                .orElseThrow(() -> new ConflictException(
                        "Department full",
                        department.name() + " has issued all " + department.dailyCapacity() + " tokens for "
                                + serviceDate + ".",
                        Map.of("reason", "full", "capacity", department.dailyCapacity())));
        // The previous token is stored first: while it is WAITING it holds the phone's one active place.
        long nextId = joins.nextId();
        previous.transfer(nextId, actor, now, reason);
        tokens.save(previous);
        try {
            joins.insertTransferred(
                    nextId, previous, department.id(), serviceDate, numbered.number(), doctorId, numbered.joinedAt());
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "Patient already in the queue",
                    "The patient already holds an active token in " + department.name() + ".",
                    Map.of("reason", "already-queued", "departmentId", department.id()));
        }
        tokens.appendHistory(
                nextId,
                new TokenTransition(
                        null,
                        TokenStatus.WAITING,
                        actor.label(),
                        "transferred from " + previous.number(),
                        numbered.joinedAt()));
        previous.drainEvents().forEach(events::publishEvent);
        events.publishEvent(new TokenJoined(nextId, department.id(), numbered.joinedAt(), actor.label()));
        return new Transfer(previous, tokens.find(nextId).orElseThrow());
    }

    private long targetDepartment(Token previous, TransferTarget target) {
        if (target.doctorId() == null) {
            if (target.departmentId() == null) {
                throw new IllegalArgumentException("a transfer names a departmentId, a doctorId or both");
            }
            return target.departmentId();
        }
        Doctor doctor = doctors.get(target.doctorId());
        if (target.departmentId() != null) {
            if (!doctor.serves(target.departmentId())) {
                throw notServing(doctor.id(), target.departmentId());
            }
            return target.departmentId();
        }
        if (doctor.serves(previous.departmentId())) {
            return previous.departmentId();
        }
        if (doctor.departmentIds().size() == 1) {
            return doctor.departmentIds().iterator().next();
        }
        throw new IllegalArgumentException(
                "departmentId: doctor " + doctor.id() + " serves several departments; name one");
    }

    private static IllegalArgumentException notServing(long doctorId, long departmentId) {
        return new IllegalArgumentException(
                "doctorId: doctor " + doctorId + " does not see patients in department " + departmentId);
    }

    /** The token, locked, once the caller may act on it (TokenAccess#actingOn). */
    private Token locked(long tokenId, Consumer<Token> mayAct) {
        Token token = tokens.lock(tokenId).orElseThrow(() -> new NotFoundException("Token", tokenId));
        mayAct.accept(token);
        return token;
    }

    private Token stored(Token token) {
        tokens.save(token);
        token.drainEvents().forEach(events::publishEvent);
        return token;
    }
}
