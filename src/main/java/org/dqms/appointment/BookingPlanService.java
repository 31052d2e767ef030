package org.dqms.appointment;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators' booking plans: one per department, and one per doctor within it. A doctor's plan
 * offers slots only while the doctor sees patients in its department: one they left keeps its
 * appointments but offers nothing, until the doctor serves the department again (ADR 25).
 */
@Service
class BookingPlanService {

    private final BookingPlanRepository plans;
    private final DepartmentService departments;
    private final DoctorService doctors;

    BookingPlanService(BookingPlanRepository plans, DepartmentService departments, DoctorService doctors) {
        this.plans = plans;
        this.departments = departments;
        this.doctors = doctors;
    }

    @Transactional(readOnly = true)
    BookingPlan get(long id) {
        return plans.find(id).orElseThrow(() -> new NotFoundException("Booking plan", id));
    }

    @Transactional(readOnly = true)
    List<BookingPlan> ofDepartment(long departmentId) {
        departments.get(departmentId);
        return plans.ofDepartment(departmentId);
    }

    /** The department's plans that offer slots: its own, and those of the doctors who serve it now. */
    @Transactional(readOnly = true)
    List<BookingPlan> offered(long departmentId) {
        Set<Long> serving =
                doctors.inDepartment(departmentId).stream().map(Doctor::id).collect(Collectors.toSet());
        return ofDepartment(departmentId).stream()
                .filter(p -> p.doctorId() == null || serving.contains(p.doctorId()))
                .toList();
    }

    @Transactional(readOnly = true)
    boolean offersSlots(BookingPlan plan) {
        return plan.doctorId() == null
                || doctors.find(plan.doctorId())
                        .map(d -> d.serves(plan.departmentId()))
                        .orElse(false);
    }

    /**
     * The plan, to take one of its slots in the caller's transaction: 404 for none, 409 when its
     * doctor no longer sees patients in its department. The department is then not taken from the
     * doctor before the caller's transaction ends, so nothing is booked with a doctor who has left.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    BookingPlan toBook(long id) {
        BookingPlan plan = get(id);
        if (plan.doctorId() != null && !doctors.holdsServing(plan.doctorId(), plan.departmentId())) {
            String doctor = doctors.get(plan.doctorId()).name();
            String department = departments.get(plan.departmentId()).name();
            throw new ConflictException(
                    "Doctor left the department",
                    doctor + " no longer sees patients in " + department
                            + "; book with the department or another of its doctors.",
                    Map.of("reason", "doctor-left", "doctorId", plan.doctorId(), "departmentId", plan.departmentId()));
        }
        return plan;
    }

    @Transactional(readOnly = true)
    List<BookingPlan> all() {
        return plans.all();
    }

    /** 404 for an unknown department or doctor, 400 for a doctor outside it, 409 if one exists. */
    @Transactional
    BookingPlan create(long departmentId, Long doctorId, PlanDetails details) {
        departments.get(departmentId);
        if (doctorId != null) {
            Doctor doctor = doctors.get(doctorId);
            if (!doctor.serves(departmentId)) {
                throw new IllegalArgumentException(
                        "doctorId: doctor " + doctorId + " does not see patients in department " + departmentId);
            }
        }
        try {
            return get(plans.insert(departmentId, doctorId, details));
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "Booking plan exists",
                    "This " + (doctorId == null ? "department" : "doctor") + " already has a booking plan; change it.",
                    Map.of("reason", "exists"));
        }
    }

    /** Existing bookings keep their slots; new slots follow the new plan. */
    @Transactional
    BookingPlan update(long id, PlanDetails details) {
        if (!plans.update(id, details)) {
            throw new NotFoundException("Booking plan", id);
        }
        return get(id);
    }

    @Transactional
    void delete(long id) {
        try {
            if (!plans.delete(id)) {
                throw new NotFoundException("Booking plan", id);
            }
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw new ConflictException(
                    "Booking plan in use",
                    "Appointments were booked under this plan; change it instead of deleting it.",
                    Map.of("reason", "in-use"));
        }
    }
}
