package org.dqms.appointment;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.platform.ServerOnly;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appointments not checked in by the end of their late window become NO_SHOW, once a minute; those
 * at a time the department turned out closed are cancelled by dqms instead (ADR 29). Safe with
 * several instances: each locks what it marks, in one transaction until it commits, and skips what
 * another instance holds.
 */
@Component
@ServerOnly
class AppointmentNoShowSweep {

    private final AppointmentRepository appointments;
    private final AppointmentSettings settings;
    private final DepartmentService departments;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AppointmentNoShowSweep(
            AppointmentRepository appointments,
            AppointmentSettings settings,
            DepartmentService departments,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.appointments = appointments;
        this.settings = settings;
        this.departments = departments;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void sweep() {
        sweep(clock.instant());
    }

    /**
     * Marks (or cancels) every appointment whose window ended before {@code now}; how many. One
     * transaction, so the appointments stay locked from the read to the commit: a check-in or
     * another instance's sweep waits for them or passes them over, and never sees them half marked.
     */
    int sweep(Instant now) {
        Integer marked = transaction.execute(status -> markMissed(now));
        return marked == null ? 0 : marked;
    }

    private int markMissed(Instant now) {
        Map<Long, Department> seen = new HashMap<>();
        int marked = 0;
        for (Appointment appointment : appointments.lockMissed(now.minus(settings.lateWindow()))) {
            Appointment.State a = appointment.state();
            if (seen.computeIfAbsent(a.departmentId(), departments::get).isOpen(a.startsAt())) {
                appointment.markNoShow(now);
            } else {
                appointment.cancelAsClosed(now);
                appointments.giveBack(a.planId(), a.startsAt());
            }
            var happened = appointment.drainEvents();
            if (!appointments.save(appointment)) {
                throw new IllegalStateException(
                        "appointment " + appointment.state().id() + " changed while locked");
            }
            happened.forEach(events::publishEvent);
            marked++;
        }
        return marked;
    }
}
