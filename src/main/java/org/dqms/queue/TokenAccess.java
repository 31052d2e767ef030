package org.dqms.queue;

import java.util.Objects;
import java.util.function.Consumer;
import org.dqms.accounts.Role;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.ForbiddenException;
import org.dqms.platform.NotFoundException;
import org.dqms.platform.UnprocessableException;
import org.dqms.queue.TokenQueryRepository.TokenFilter;
import org.dqms.security.Caller;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The "own only" half of the role × endpoint matrix (docs/SECURITY.md), for what AuthorizationRules
 * cannot see in the path: reception acts within its departments, a doctor on the tokens called to
 * them and reads the queues of the departments they serve, a patient on the tokens their account
 * holds. Staff out of scope get 403; a patient asking for somebody else's token gets 404, as for a
 * token that does not exist, so that token ids cannot be probed.
 *
 * <p>The checks run before the action, in their own transaction: what they look at (department,
 * called doctor, holder) only changes through the actions they guard. The token actions instead run
 * {@link #actingOn} on the token they lock, which saves a transaction per action.
 */
@Component
class TokenAccess {

    private final TokenRepository tokens;
    private final DoctorService doctors;

    TokenAccess(TokenRepository tokens, DoctorService doctors) {
        this.tokens = tokens;
        this.doctors = doctors;
    }

    /** Reading a token, its history or its position. */
    @Transactional(readOnly = true)
    void requireRead(Caller caller, long tokenId) {
        Token token = find(caller, tokenId);
        if (caller.is(Role.PATIENT) || caller.worksIn(token.departmentId())) {
            return;
        }
        if (caller.is(Role.DOCTOR) && (calledTo(caller, token) || servesDepartment(caller, token.departmentId()))) {
            return;
        }
        throw forbidden("token " + tokenId);
    }

    /**
     * Recall, start, complete, no-show, transfer, cancel: reception of the token's department, the
     * doctor it was called to, or (cancel only, AuthorizationRules) the patient who holds it. A
     * check of the token the action has locked, run inside the action's transaction.
     */
    Consumer<Token> actingOn(Caller caller) {
        return token -> {
            if (caller.is(Role.PATIENT) && !tokens.heldBy(token.id(), caller.userId())) {
                throw new NotFoundException("Token", token.id());
            }
            if (caller.is(Role.PATIENT) || caller.worksIn(token.departmentId()) || calledTo(caller, token)) {
                return;
            }
            throw forbidden("token " + token.id());
        };
    }

    /** Calling a token out of order: reception of its department, or a doctor calling it to themselves. */
    @Transactional(readOnly = true)
    void requireCall(Caller caller, long tokenId, long doctorId) {
        Token token = find(caller, tokenId);
        if (caller.worksIn(token.departmentId()) || caller.isDoctor(doctorId)) {
            return;
        }
        throw forbidden("token " + tokenId + " for doctor " + doctorId);
    }

    /** Calling the next patient: the doctor themselves, or an administrator. */
    void requireCallNext(Caller caller, long doctorId) {
        if (!caller.is(Role.ADMIN) && !caller.isDoctor(doctorId)) {
            throw forbidden("doctor " + doctorId);
        }
    }

    /** A department's queue: its reception, a doctor who serves it, or an administrator. */
    @Transactional(readOnly = true)
    void requireQueue(Caller caller, long departmentId) {
        if (!caller.worksIn(departmentId) && !servesDepartment(caller, departmentId)) {
            throw forbidden("department " + departmentId);
        }
    }

    /**
     * Joining: anybody but a doctor; patients and anonymous callers only as NORMAL (an emergency or
     * priority is staff's judgement) and on the web or a kiosk, reception only for its departments.
     * Nobody joins as APPOINTMENT: those tokens come from an appointment's check-in. The channel is
     * what the day's figures are counted by.
     */
    void requireJoin(Caller caller, long departmentId, Priority priority, Channel channel) {
        if (caller.is(Role.DOCTOR)) {
            throw new ForbiddenException("Doctors call patients; reception or the patient joins the queue.");
        }
        if (channel == Channel.APPOINTMENT) {
            throw new UnprocessableException(
                    "Channel not for joining",
                    "channel: APPOINTMENT tokens come from an appointment's check-in.",
                    java.util.Map.of());
        }
        boolean patientSide = caller.anonymous() || caller.is(Role.PATIENT);
        if (patientSide && priority != null && priority != Priority.NORMAL) {
            throw new ForbiddenException("Only staff may join a patient as " + priority + ".");
        }
        if (patientSide && channel == Channel.RECEPTION) {
            throw new ForbiddenException("Only staff may join a patient as RECEPTION.");
        }
        if (caller.is(Role.RECEPTION) && !caller.worksIn(departmentId)) {
            throw forbidden("department " + departmentId);
        }
    }

    /**
     * Listing tokens: an administrator any; reception names one of its departments; a doctor names
     * themselves or a department they serve.
     */
    @Transactional(readOnly = true)
    void requireList(Caller caller, TokenFilter filter) {
        if (caller.is(Role.ADMIN)) {
            return;
        }
        Long department = filter.departmentId();
        if (department != null && (caller.worksIn(department) || servesDepartment(caller, department))) {
            return;
        }
        if (filter.doctorId() != null && caller.isDoctor(filter.doctorId())) {
            return;
        }
        throw new ForbiddenException("Name a departmentId (or, for a doctor, your doctorId) that you work in.");
    }

    private Token find(Caller caller, long tokenId) {
        Token token = tokens.find(tokenId).orElseThrow(() -> new NotFoundException("Token", tokenId));
        if (caller.is(Role.PATIENT) && !tokens.heldBy(tokenId, caller.userId())) {
            throw new NotFoundException("Token", tokenId);
        }
        return token;
    }

    private static boolean calledTo(Caller caller, Token token) {
        return caller.is(Role.DOCTOR)
                && caller.doctorId() != null
                && Objects.equals(token.doctorId(), caller.doctorId());
    }

    private boolean servesDepartment(Caller caller, long departmentId) {
        return caller.is(Role.DOCTOR)
                && caller.doctorId() != null
                && doctors.find(caller.doctorId())
                        .map(d -> d.serves(departmentId))
                        .orElse(false);
    }

    private static ForbiddenException forbidden(String what) {
        return new ForbiddenException("Your account may not act on " + what + ".");
    }
}
