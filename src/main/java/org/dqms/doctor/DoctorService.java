package org.dqms.doctor;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dqms.department.DepartmentService;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Doctors, their departments and their duty status. */
@Service
public class DoctorService {

    private static final Logger log = LoggerFactory.getLogger(DoctorService.class);

    private final DoctorRepository doctors;
    private final DepartmentService departments;
    private final ObjectProvider<DoctorAppointments> appointments;
    private final ApplicationEventPublisher events;
    private final DutyPeriodRepository dutyPeriods;
    private final Clock clock;

    DoctorService(
            DoctorRepository doctors,
            DepartmentService departments,
            ObjectProvider<DoctorAppointments> appointments,
            ApplicationEventPublisher events,
            DutyPeriodRepository dutyPeriods,
            Clock clock) {
        this.doctors = doctors;
        this.departments = departments;
        this.appointments = appointments;
        this.events = events;
        this.dutyPeriods = dutyPeriods;
        this.clock = clock;
    }

    /** The doctor, or {@link NotFoundException} (404). */
    @Transactional(readOnly = true)
    public Doctor get(long id) {
        return doctors.find(id).orElseThrow(() -> new NotFoundException("Doctor", id));
    }

    @Transactional(readOnly = true)
    public Optional<Doctor> find(long id) {
        return doctors.find(id);
    }

    /** The doctors who serve the department, by name; empty for an unknown department. */
    @Transactional(readOnly = true)
    public List<Doctor> inDepartment(long departmentId) {
        return doctors.inDepartment(departmentId);
    }

    /** Doctors on duty for a department, each counting 1/n when they serve n departments. */
    @Transactional(readOnly = true)
    public double doctorsOnDuty(long departmentId) {
        return doctors.staffing(departmentId).doctorsOnDuty();
    }

    /** What the department's wait estimates need of its doctors, in one statement. */
    @Transactional(readOnly = true)
    public Staffing staffing(long departmentId) {
        return doctors.staffing(departmentId);
    }

    @Transactional(readOnly = true)
    DoctorPage page(Long departmentId, int page, int size) {
        return doctors.page(departmentId, page, size);
    }

    /** Creates a doctor, off duty; 404 if one of the departments does not exist. */
    @Transactional
    public Doctor create(Actor actor, DoctorDetails details) {
        requireDepartments(details);
        long id;
        try {
            id = doctors.insert(details);
        } catch (DataIntegrityViolationException e) {
            throw departmentGone(e);
        }
        log.info("Doctor {} created by {}", id, actor.label());
        events.publishEvent(new DoctorChanged(id, DoctorChanged.Change.CREATED, actor.label(), ""));
        return get(id);
    }

    /**
     * Changes name, room, specialization, consultation time and departments; not the duty status. A
     * department taken from the doctor is announced ({@link DoctorLeftDepartments}) in this
     * transaction: patients there who waited for this doctor stay in the queue for its other doctors.
     */
    @Transactional
    public Doctor update(Actor actor, long id, DoctorDetails details) {
        requireDepartments(details);
        doctors.lock(id).orElseThrow(() -> new NotFoundException("Doctor", id));
        Set<Long> left;
        try {
            left = doctors.update(id, details);
        } catch (DataIntegrityViolationException e) {
            throw departmentGone(e);
        }
        log.info("Doctor {} updated by {}", id, actor.label());
        if (!left.isEmpty()) {
            events.publishEvent(new DoctorLeftDepartments(id, details.name(), left, actor));
        }
        events.publishEvent(new DoctorChanged(id, DoctorChanged.Change.UPDATED, actor.label(), ""));
        return get(id);
    }

    /**
     * Deletes a doctor with their booking plan; refused (409) once tokens or appointments name them,
     * since those are the record of who saw and booked whom, and while a sign-in account is theirs.
     */
    @Transactional
    public void delete(Actor actor, long id) {
        doctors.lockForDelete(id).orElseThrow(() -> new NotFoundException("Doctor", id));
        long tokens = doctors.countTokens(id);
        if (tokens > 0) {
            throw hasTokens(id);
        }
        long booked = appointments.stream().mapToLong(a -> a.withDoctor(id)).sum();
        if (booked > 0) {
            throw new ConflictException(
                    "Doctor has appointments",
                    "Doctor " + id + " has " + booked + (booked == 1 ? " appointment" : " appointments")
                            + "; a doctor with appointments cannot be deleted. Set them off duty instead.",
                    Map.of("appointments", booked));
        }
        try {
            doctors.delete(id);
        } catch (DataIntegrityViolationException e) {
            // The lock keeps tokens and appointments from naming the doctor after the counts, so what
            // is left to refer to them is the sign-in account of the doctor.
            throw new ConflictException(
                    "Doctor has a sign-in account",
                    "Doctor " + id + " has a sign-in account and cannot be deleted. Set them off duty instead.",
                    Map.of());
        }
        log.info("Doctor {} deleted by {}", id, actor.label());
        events.publishEvent(new DoctorChanged(id, DoctorChanged.Change.DELETED, actor.label(), ""));
    }

    /**
     * Whether the doctor serves the department, for a token or an appointment about to name them
     * there; if so, the department is not taken from the doctor before the caller's transaction
     * ends, so the token cannot end up waiting for, nor the appointment be booked with, a doctor who
     * no longer sees its department.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean holdsServing(long doctorId, long departmentId) {
        return doctors.holdLink(doctorId, departmentId);
    }

    /** Puts a doctor on duty, on a break or off duty. */
    @Transactional
    public Doctor setDutyStatus(Actor actor, long id, DutyStatus status) {
        if (!doctors.setDutyStatus(id, status)) {
            throw new NotFoundException("Doctor", id);
        }
        dutyPeriods.record(id, status, clock.instant());
        log.info("Doctor {} is {} (set by {})", id, status, actor.label());
        events.publishEvent(new DoctorChanged(id, DoctorChanged.Change.DUTY_CHANGED, actor.label(), status.name()));
        return get(id);
    }

    private void requireDepartments(DoctorDetails details) {
        details.departmentIds().stream().sorted().forEach(departments::get);
    }

    /** A department was deleted between the check and the insert. */
    private static ConflictException departmentGone(DataIntegrityViolationException e) {
        log.debug("Doctor's department vanished", e);
        return new ConflictException(
                "Department deleted",
                "One of the doctor's departments was deleted meanwhile; reload and try again.",
                Map.of());
    }

    private static ConflictException hasTokens(long id) {
        return new ConflictException(
                "Doctor has tokens",
                "Doctor " + id
                        + " is named on tokens; a doctor with tokens cannot be deleted. Set them off duty instead.",
                Map.of());
    }
}
