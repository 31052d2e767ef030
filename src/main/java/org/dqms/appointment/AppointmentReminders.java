package org.dqms.appointment;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dqms.department.DepartmentService;
import org.dqms.queue.NotifyChannel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Booked appointments whose patients asked for reminders: what the reminder job needs. */
@Service
public class AppointmentReminders {

    /**
     * @param zone the department's time zone, for the date and time in the text
     * @param manageLink the path of the manage page, {@code /a/<uuid>}
     */
    public record Due(
            long appointmentId,
            String departmentName,
            ZoneId zone,
            Instant startsAt,
            String phone,
            String email,
            Set<NotifyChannel> channels,
            String manageLink) {}

    private final AppointmentRepository appointments;
    private final DepartmentService departments;

    AppointmentReminders(AppointmentRepository appointments, DepartmentService departments) {
        this.appointments = appointments;
        this.departments = departments;
    }

    /**
     * BOOKED appointments starting in [from, until) with at least one reminder channel, at a time
     * the department is open: one on a date closed since, or after hours shortened since, is not
     * to be come to (ADR 29).
     */
    @Transactional(readOnly = true)
    public List<Due> startingBetween(Instant from, Instant until) {
        List<Due> due = new ArrayList<>();
        for (var r : appointments.remindable(from, until)) {
            var department = departments.get(r.departmentId());
            if (department.isOpen(r.startsAt())) {
                due.add(new Due(
                        r.id(),
                        department.name(),
                        department.timeZone(),
                        r.startsAt(),
                        r.phone(),
                        r.email(),
                        r.channels().stream().map(NotifyChannel::valueOf).collect(Collectors.toUnmodifiableSet()),
                        "/a/" + r.publicId()));
            }
        }
        return due;
    }
}
