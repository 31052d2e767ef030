package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.queue.TokenCounterRepository.Numbered;
import org.dqms.queue.TokenEvents.TokenJoined;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a booked appointment enters the queue: as a token in the same queue as walk-ins, placed at
 * the time the caller chose (the booked time, or the arrival) and with the reason in its history.
 * Everything else about the queue (fair priority rules, positions, calls) treats it as any token.
 */
@Service
public class AppointmentCheckIns {

    /**
     * A patient checking in.
     *
     * @param placeAt the time the token takes its place from: the booked time inside the window,
     *     else the arrival
     * @param reason why, for the token's history, e.g. "appointment 10:30, on time: booked time"
     */
    public record CheckIn(
            long departmentId,
            Long doctorId,
            String patientName,
            String phone,
            String email,
            Long userId,
            Instant placeAt,
            String reason) {}

    /** The token the check-in issued. */
    public record Issued(long tokenId, UUID publicId, String number) {}

    private final DepartmentService departments;
    private final DoctorService doctors;
    private final TokenCounterRepository counters;
    private final JoinRepository joins;
    private final TokenRepository tokens;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AppointmentCheckIns(
            DepartmentService departments,
            DoctorService doctors,
            TokenCounterRepository counters,
            JoinRepository joins,
            TokenRepository tokens,
            ApplicationEventPublisher events,
            Clock clock) {
        this.departments = departments;
        this.doctors = doctors;
        this.counters = counters;
        this.joins = joins;
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
    }

    /** The capability link of a token, for the patient's page once they have checked in. */
    @Transactional(readOnly = true)
    public java.util.Optional<UUID> link(long tokenId) {
        return tokens.find(tokenId).map(Token::publicId);
    }

    /**
     * Issues the token, in the caller's transaction so that the appointment and its token change
     * together. 409 when the department is closed or full, or the phone already holds an active
     * token there. An appointment with a doctor who no longer sees the department becomes a token
     * for any of its doctors, and its history says so.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Issued checkIn(Actor actor, CheckIn checkIn) {
        Department department = departments.get(checkIn.departmentId());
        Instant now = clock.instant();
        if (!department.isOpen(now)) {
            throw new ConflictException(
                    "Department closed",
                    department.name() + " is closed; check in while it is open.",
                    Map.of("reason", "closed"));
        }
        LocalDate serviceDate = department.today(now);
        // The token takes its place in the queue at the booked time; the counter still records the arrival.
        int number = counters.next(department.id(), serviceDate, department.dailyCapacity(), now)
                .map(Numbered::number)
                .orElseThrow(() -> new ConflictException(
                        "Department full",
                        department.name() + " has issued all its tokens for " + serviceDate + ".",
                        Map.of("reason", "full")));
        Long doctorId = checkIn.doctorId();
        String reason = checkIn.reason();
        if (doctorId != null && !doctors.holdsServing(doctorId, department.id())) {
            // Booked with a doctor who has since left the department: the patient is seen by its others.
            String name = doctors.find(doctorId).map(Doctor::name).orElse("The booked doctor");
            reason = reason + "; " + DoctorPreferences.releaseReason(name);
            doctorId = null;
        }
        JoinCommand command = new JoinCommand(
                        checkIn.patientName(),
                        new PhoneNumber(checkIn.phone()),
                        checkIn.email(),
                        doctorId,
                        Channel.APPOINTMENT,
                        Priority.NORMAL)
                .heldBy(checkIn.userId());
        long id;
        try {
            id = joins.insert(department.id(), serviceDate, number, command, null, checkIn.placeAt());
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "Patient already in the queue",
                    "This phone already holds an active token in " + department.name() + ".",
                    Map.of("reason", "already-queued"));
        }
        tokens.appendHistory(id, new TokenTransition(null, TokenStatus.WAITING, actor.label(), reason, now));
        events.publishEvent(new TokenJoined(id, department.id(), now, actor.label()));
        Token token = tokens.find(id).orElseThrow();
        return new Issued(id, token.publicId(), token.number().display());
    }
}
