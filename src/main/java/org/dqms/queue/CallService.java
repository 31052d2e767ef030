package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.dqms.queue.QueueRepository.Claimed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Doctors calling patients: the next one by the fair order of {@link QueueOrder}, or a given one out
 * of order. A doctor must be on duty and holds at most one patient called or in consultation.
 */
@Service
class CallService {

    private final DoctorService doctors;
    private final QueueRepository queue;
    private final TokenRepository tokens;
    private final TokenActionService actions;
    private final ApplicationEventPublisher events;
    private final QueueOrder order;
    private final Clock clock;

    CallService(
            DoctorService doctors,
            QueueRepository queue,
            TokenRepository tokens,
            TokenActionService actions,
            ApplicationEventPublisher events,
            QueueSettings settings,
            Clock clock) {
        this.doctors = doctors;
        this.queue = queue;
        this.tokens = tokens;
        this.actions = actions;
        this.events = events;
        this.order = QueueOrder.of(settings);
        this.clock = clock;
    }

    /**
     * Calls the next token for the doctor: one that prefers them or nobody, in the departments they
     * serve. Empty if nobody is waiting for them. 404 for an unknown doctor, 409 if the doctor is not
     * on duty or already has a patient called or in consultation.
     */
    @Transactional
    Optional<Token> callNext(Actor actor, long doctorId) {
        return claimFor(actor, availableDoctor(doctorId));
    }

    /**
     * The console's one click: completes the doctor's consultation and calls the next token, in one
     * transaction, so the doctor is never left with neither. A doctor with nobody called or with them
     * simply calls. 409 naming the status ({@code currentStatus}) if the doctor's patient is called
     * but not yet in consultation, and nothing changes. Empty if nobody is waiting; the consultation
     * is completed all the same.
     */
    @Transactional
    Optional<Token> completeAndCallNext(Actor actor, long doctorId, String notes) {
        Doctor doctor = onDuty(doctorId);
        // Completing locks the token; a second click that found it too then gets 409.
        queue.activeTokenOf(doctorId)
                .ifPresent(active -> actions.complete(actor, active, notes, TokenActionService.ANYONE));
        return claimFor(actor, doctor);
    }

    private Optional<Token> claimFor(Actor actor, Doctor doctor) {
        long doctorId = doctor.id();
        Instant now = clock.instant();
        Set<Long> departments = doctor.departmentIds();
        Optional<Claimed> claimed =
                queue.claimNext(doctorId, departments, order.priorityStreakLimit(), now.minus(order.maxWait()));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Token token = claimed.get().token();
        int streak = claimed.get().streak();
        boolean priorityWaiting = token.priority() == Priority.NORMAL
                && streak >= order.priorityStreakLimit()
                && queue.priorityWaiting(doctorId, departments);
        CallReason reason = order.reason(token.priority(), token.joinedAt(), now, streak, priorityWaiting);
        token.call(doctorId, reason, actor, now, null);
        store(token, doctorId);
        return Optional.of(token);
    }

    /**
     * Calls a given WAITING token out of the usual order, with the staff's reason in its history.
     * The doctor must serve the token's department.
     */
    @Transactional
    Token callOutOfOrder(Actor actor, long tokenId, long doctorId, String reason) {
        Doctor doctor = availableDoctor(doctorId);
        Token token = tokens.lock(tokenId).orElseThrow(() -> new NotFoundException("Token", tokenId));
        if (!doctor.serves(token.departmentId())) {
            throw new ConflictException(
                    "Doctor does not serve the department",
                    "Doctor " + doctorId + " does not see patients in department " + token.departmentId() + ".",
                    Map.of("doctorId", doctorId, "departmentId", token.departmentId()));
        }
        token.call(doctorId, CallReason.OUT_OF_ORDER, actor, clock.instant(), reason);
        store(token, doctorId);
        return token;
    }

    private Doctor availableDoctor(long doctorId) {
        Doctor doctor = onDuty(doctorId);
        queue.activeTokenOf(doctorId).ifPresent(active -> {
            throw busy(doctorId, active);
        });
        return doctor;
    }

    private Doctor onDuty(long doctorId) {
        Doctor doctor = doctors.get(doctorId);
        if (doctor.dutyStatus() != DutyStatus.ON_DUTY) {
            throw new ConflictException(
                    "Doctor not on duty",
                    "Doctor " + doctorId + " is " + doctor.dutyStatus() + "; only a doctor on duty calls patients.",
                    Map.of(
                            "doctorId",
                            doctorId,
                            "dutyStatus",
                            doctor.dutyStatus().name()));
        }
        return doctor;
    }

    private void store(Token token, long doctorId) {
        try {
            tokens.save(token);
        } catch (DuplicateKeyException e) {
            // The same doctor called twice at once; token_one_active_per_doctor let one call through.
            throw busy(doctorId, null);
        }
        token.drainEvents().forEach(events::publishEvent);
    }

    private static ConflictException busy(long doctorId, Long activeTokenId) {
        return new ConflictException(
                "Doctor busy",
                "Doctor " + doctorId + " already has a patient called or in consultation; complete, recall or "
                        + "mark that token first.",
                activeTokenId == null
                        ? Map.of("doctorId", doctorId)
                        : Map.of("doctorId", doctorId, "activeTokenId", activeTokenId));
    }
}
