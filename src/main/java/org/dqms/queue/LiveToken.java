package org.dqms.queue;

import java.time.Instant;
import java.util.UUID;

/**
 * One token as the patient's phone shows it: where it stands, how long the wait probably is and
 * why, and the room once it is called. Fields that do not apply to the status are null.
 *
 * @param status the {@link TokenStatus} name
 * @param position 1 is next; WAITING only
 * @param likelyMinutes the likely wait; null when no doctor is on duty
 * @param upperMinutes the wait that is rarely exceeded
 * @param doctorsOnDuty doctors on duty for the department, for the explanation of the estimate
 * @param minutesPerPatient the service time the estimate assumes
 * @param room where to go; CALLED and IN_CONSULTATION only
 * @param nextLink the capability link of the token a transfer created; TRANSFERRED only
 */
public record LiveToken(
        long tokenId,
        String number,
        long departmentId,
        String status,
        Integer position,
        Integer ahead,
        Integer likelyMinutes,
        Integer upperMinutes,
        Double doctorsOnDuty,
        Double minutesPerPatient,
        String room,
        String doctorName,
        Instant calledAt,
        UUID nextLink) {}
