package org.dqms.department;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.InvalidFieldException;
import org.dqms.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Departments and their opening hours: what other modules read, and what administrators change. */
@Service
public class DepartmentService {

    private static final Logger log = LoggerFactory.getLogger(DepartmentService.class);

    private final DepartmentRepository departments;
    private final ObjectProvider<DepartmentAppointments> appointments;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DepartmentService(
            DepartmentRepository departments,
            ObjectProvider<DepartmentAppointments> appointments,
            ApplicationEventPublisher events,
            Clock clock) {
        this.departments = departments;
        this.appointments = appointments;
        this.events = events;
        this.clock = clock;
    }

    /** The department, or {@link NotFoundException} (404). */
    @Transactional(readOnly = true)
    public Department get(long id) {
        return departments.find(id).orElseThrow(() -> new NotFoundException("Department", id));
    }

    @Transactional(readOnly = true)
    public Optional<Department> find(long id) {
        return departments.find(id);
    }

    /** Every department, by name. */
    @Transactional(readOnly = true)
    public List<Department> all() {
        return departments.all();
    }

    @Transactional(readOnly = true)
    DepartmentPage page(String nameContains, int page, int size) {
        return departments.page(nameContains, page, size);
    }

    /** Creates a department without hours (closed until they are set); 409 if the name or prefix is taken. */
    @Transactional
    public Department create(Actor actor, DepartmentDetails details) {
        long id;
        try {
            id = departments.insert(details);
        } catch (DuplicateKeyException e) {
            throw duplicate(details, e);
        }
        log.info("Department {} ({}) created by {}", id, details.prefix(), actor.label());
        events.publishEvent(new DepartmentChanged(
                id,
                DepartmentChanged.Change.CREATED,
                actor.label(),
                details.prefix().value()));
        return get(id);
    }

    /**
     * Changes name, prefix, time zone, capacity and target wait; hours stay as they are. The prefix
     * and the time zone are refused (409 naming the field) while patients hold tokens in the queue:
     * their numbers are shown with the prefix (a ticket saying OPD-007 would be called as GEN-007),
     * and the zone decides the day their numbers count in.
     */
    @Transactional
    public Department update(Actor actor, long id, DepartmentDetails details) {
        Department stored = departments.lock(id).orElseThrow(() -> new NotFoundException("Department", id));
        String field = !stored.prefix().equals(details.prefix())
                ? "prefix"
                : !stored.timeZone().equals(details.timeZone()) ? "timeZone" : null;
        if (field != null) {
            // FOR UPDATE waits for joins in flight (each holds KEY SHARE on the row) and keeps new ones
            // out until this change ends, so the count sees every token named under the old values.
            departments.lockForDelete(id);
            long inQueue = departments.countInQueue(id);
            if (inQueue > 0) {
                throw inQueue(id, field, inQueue);
            }
        }
        try {
            departments.update(id, details);
        } catch (DuplicateKeyException e) {
            throw duplicate(details, e);
        }
        log.info("Department {} ({}) updated by {}", id, details.prefix(), actor.label());
        events.publishEvent(new DepartmentChanged(
                id,
                DepartmentChanged.Change.UPDATED,
                actor.label(),
                details.prefix().value()));
        return get(id);
    }

    /**
     * Deletes a department with its hours and booking plans. Refused (409) while tokens or
     * appointments refer to it, since they are the hospital's record of who was seen and booked,
     * and when a listener of {@link DepartmentDeleting} refuses: a doctor or a reception account
     * with no other department, who would otherwise be left in none.
     */
    @Transactional
    public void delete(Actor actor, long id) {
        Department department =
                departments.lockForDelete(id).orElseThrow(() -> new NotFoundException("Department", id));
        long tokens = departments.countTokens(id);
        if (tokens > 0) {
            throw hasTokens(department, tokens);
        }
        long booked = appointments.stream().mapToLong(a -> a.inDepartment(id)).sum();
        if (booked > 0) {
            throw new ConflictException(
                    "Department has appointments",
                    "Department " + id + " has " + booked + (booked == 1 ? " appointment" : " appointments")
                            + "; a department with appointments cannot be deleted.",
                    Map.of("appointments", booked));
        }
        events.publishEvent(new DepartmentDeleting(id));
        try {
            departments.delete(id);
        } catch (DataIntegrityViolationException e) {
            // Not expected: the lock keeps tokens and appointments from naming it after the counts. A
            // failed statement ends the transaction, so nothing more can be counted here.
            log.warn("Department {} could not be deleted", id, e);
            throw new ConflictException(
                    "Department in use", "Department " + id + " is still referred to and cannot be deleted.", Map.of());
        }
        log.info("Department {} ({}) deleted by {}", id, department.prefix(), actor.label());
        events.publishEvent(new DepartmentChanged(
                id,
                DepartmentChanged.Change.DELETED,
                actor.label(),
                department.prefix().value()));
    }

    /**
     * Replaces the weekly hours and the closed dates. A closed date before the department's today is
     * refused ({@link InvalidFieldException} naming {@code closedDates[date]}) unless it is stored
     * already, so that hours read and written back keep the past ones.
     */
    @Transactional
    public Department setHours(Actor actor, long id, WeeklyHours hours) {
        Department stored = departments.lock(id).orElseThrow(() -> new NotFoundException("Department", id));
        LocalDate today = stored.today(clock.instant());
        hours.closedDates().keySet().stream()
                .filter(date -> date.isBefore(today))
                .filter(date -> !stored.hours().closedDates().containsKey(date))
                .findFirst()
                .ifPresent(date -> {
                    throw past("closedDates[" + date + "]", today);
                });
        departments.replaceHours(id, hours);
        log.info("Hours of department {} set by {}", id, actor.label());
        events.publishEvent(new DepartmentChanged(id, DepartmentChanged.Change.HOURS_SET, actor.label(), ""));
        return get(id);
    }

    /**
     * Replaces the weekly intervals of the hours; the closed dates stay as stored, whatever was
     * closed or reopened since the caller read them.
     */
    @Transactional
    public Department setWeeklyHours(Actor actor, long id, WeeklyHours hours) {
        departments.lock(id).orElseThrow(() -> new NotFoundException("Department", id));
        departments.replaceWeeklyHours(id, hours);
        log.info("Weekly hours of department {} set by {}", id, actor.label());
        events.publishEvent(new DepartmentChanged(id, DepartmentChanged.Change.HOURS_SET, actor.label(), ""));
        return get(id);
    }

    /**
     * Closes the department on one date, e.g. a public holiday; the reason is shown to patients. A
     * date before the department's today is refused ({@link InvalidFieldException} naming {@code date}).
     */
    @Transactional
    public Department closeOn(Actor actor, long id, LocalDate date, String reason) {
        Department stored = departments.lock(id).orElseThrow(() -> new NotFoundException("Department", id));
        LocalDate today = stored.today(clock.instant());
        if (date.isBefore(today)) {
            throw past("date", today);
        }
        departments.closeOn(id, date, reason == null ? "" : reason.strip());
        log.info("Department {} closed on {} by {}", id, date, actor.label());
        events.publishEvent(
                new DepartmentChanged(id, DepartmentChanged.Change.CLOSED_ON, actor.label(), date.toString()));
        return get(id);
    }

    /** Undoes {@link #closeOn}; the weekly hours apply on that date again. */
    @Transactional
    public Department reopenOn(Actor actor, long id, LocalDate date) {
        departments.lock(id).orElseThrow(() -> new NotFoundException("Department", id));
        departments.reopenOn(id, date);
        log.info("Department {} reopened on {} by {}", id, date, actor.label());
        events.publishEvent(
                new DepartmentChanged(id, DepartmentChanged.Change.REOPENED_ON, actor.label(), date.toString()));
        return get(id);
    }

    /** A closed date that has passed: closing it would change nothing but the record of that day. */
    private static InvalidFieldException past(String field, LocalDate today) {
        return new InvalidFieldException(
                field, "is in the past; the department's today is " + today, Map.of("today", today.toString()));
    }

    private static ConflictException duplicate(DepartmentDetails details, DuplicateKeyException e) {
        String field = String.valueOf(e.getMessage()).contains("department_prefix_unique") ? "prefix" : "name";
        String value = field.equals("prefix") ? details.prefix().value() : details.name();
        return new ConflictException(
                "Department exists",
                "Another department already has the " + field + " " + value + ".",
                Map.of("field", field));
    }

    private static ConflictException inQueue(long id, String field, long tokens) {
        return new ConflictException(
                "Department has patients in the queue",
                "Department " + id + " has " + tokens + (tokens == 1 ? " patient" : " patients")
                        + " waiting or with a doctor; its " + field + " can change once the queue is empty.",
                Map.of("field", field, "inQueue", tokens));
    }

    private static ConflictException hasTokens(Department department, long tokens) {
        return new ConflictException(
                "Department has tokens",
                "Department " + department.id() + " has " + tokens
                        + " tokens; a department with tokens cannot be deleted.",
                Map.of("tokens", tokens));
    }
}
