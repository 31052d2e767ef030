package org.dqms.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A token as the API shows it. The phone is masked, and consultation notes are never part of it:
 * only the doctor and administrators may read those, through their own endpoint.
 *
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

    static TokenView of(Token token) {
        return new TokenView(
                token.id(),
                token.publicId(),
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
