package org.dqms.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.dqms.accounts.Role;
import org.dqms.security.Caller;

/**
 * A token as the API shows it. The phone is masked, and consultation notes are never part of it:
 * only the doctor and administrators may read those, through their own endpoint.
 *
 * @param publicId the UUID of the token's capability link, which follows and cancels it: for the
 *     patient (the join's answer, their own tokens, the link's answers), never in staff answers
 * @param number the number a patient hears, e.g. {@code CARD-007}
 * @param doctorId the doctor who called the token, once called
 */
record TokenView(
        long id,
        UUID publicId,
        String number,
        long departmentId,
        LocalDate serviceDate,
        TokenStatus status,
        Priority priority,
        Channel channel,
        String patientName,
        String phone,
        Long preferredDoctorId,
        Long doctorId,
        int recallCount,
        CallReason callReason,
        Long previousTokenId,
        Instant joinedAt,
        Instant calledAt,
        Instant startedAt,
        Instant completedAt,
        Instant endedAt) {

    /** For the patient, or whoever joins them: with the capability link's UUID. */
    static TokenView of(Token token) {
        return view(token, token.publicId());
    }

    /**
     * For staff: without the capability link's UUID. Staff act through their own endpoints, in
     * scope; the link would let a doctor cancel any waiting patient's token of their departments, and
     * reception prints the walk-in's ticket, QR code and link included, from the token's id.
     */
    static TokenView forStaff(Token token) {
        return view(token, null);
    }

    /** As the caller may see it: a patient, who only ever reaches a token they hold, with the link. */
    static TokenView shownTo(Caller caller, Token token) {
        return caller.is(Role.PATIENT) ? of(token) : forStaff(token);
    }

    private static TokenView view(Token token, UUID publicId) {
        return new TokenView(
                token.id(),
                publicId,
                token.number().display(),
                token.departmentId(),
                token.serviceDate(),
                token.status(),
                token.priority(),
                token.channel(),
                token.patient().name(),
                token.patient().phone().masked(),
                token.preferredDoctorId(),
                token.doctorId(),
                token.recallCount(),
                token.callReason(),
                token.previousTokenId(),
                token.joinedAt(),
                token.calledAt(),
                token.startedAt(),
                token.completedAt(),
                token.endedAt());
    }
}
