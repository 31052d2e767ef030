package org.dqms.appointment;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.queue.NotifyChannel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What messages to patients about their appointments need: the booked appointments whose patients
 * asked for reminders, and one appointment's patient, as dqms tells them it cancelled it.
 */
@Service
public class AppointmentReminders {

    /**
     * @param zone the department's time zone, for the date and time in the text
     * @param manageLink the path of the manage page, {@code /a/<uuid>}
     * @param bookingLink the path of the department's booking page, {@code /book/<department>}
     * @param closedThen the department is closed at the booked time, by a date closed or hours
     *     shortened since the booking (ADR 29)
     */
    public record Due(
            long appointmentId,
            String departmentName,
            ZoneId zone,
            Instant startsAt,
            String phone,
            String email,
            Set<NotifyChannel> channels,
            String manageLink,
            String bookingLink,
            boolean closedThen) {}

    private final AppointmentRepository appointments;
    private final DepartmentService departments;

    AppointmentReminders(AppointmentRepository appointments, DepartmentService departments) {
        this.appointments = appointments;
        this.departments = departments;
    }

    /**
     * BOOKED appointments starting in [from, until) with at least one reminder channel. One on a
     * date closed since, or after hours shortened since, is marked {@link Due#closedThen()}: its
     * patient is to be told not to come then (ADR 29).
     */
    @Transactional(readOnly = true)
    public List<Due> startingBetween(Instant from, Instant until) {
        List<Due> due = new ArrayList<>();
        for (var r : appointments.remindable(from, until)) {
            due.add(due(r, departments.get(r.departmentId())));
        }
        return due;
    }

    /** The appointment's patient and the channels they chose, whatever its status; in the caller's transaction. */
    @Transactional(readOnly = true)
    public Optional<Due> of(long appointmentId) {
        return appointments.contact(appointmentId).map(c -> due(c, departments.get(c.departmentId())));
    }

    private static Due due(AppointmentRepository.Contact c, Department department) {
        return new Due(
                c.id(),
                department.name(),
                department.timeZone(),
                c.startsAt(),
                c.phone(),
                c.email(),
                c.channels().stream().map(NotifyChannel::valueOf).collect(Collectors.toUnmodifiableSet()),
                "/a/" + c.publicId(),
                "/book/" + department.id(),
                !department.isOpen(c.startsAt()));
    }
}
