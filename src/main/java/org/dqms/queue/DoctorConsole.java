package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the doctor's console shows: the patient with them now, and who waits in their departments. */
@Component
class DoctorConsole {

    /** The console's content for one doctor. */
    record View(Doctor doctor, Current current, List<Queue> queues, List<Department> transferTargets) {}

    /** The patient called to the doctor, or with them. */
    record Current(
            long tokenId,
            long departmentId,
            String number,
            String patientName,
            TokenStatus status,
            Priority priority,
            Instant calledAt) {}

    /** A department's waiting list as the doctor sees it. */
    record Queue(Department department, List<Waiting> waiting) {}

    record Waiting(int position, String number, Priority priority, boolean forMe, long waitingMinutes) {}

    private final DoctorService doctors;
    private final DepartmentService departments;
    private final QueueRepository queue;
    private final TokenRepository tokens;
    private final PositionService positions;
    private final Clock clock;

    DoctorConsole(
            DoctorService doctors,
            DepartmentService departments,
            QueueRepository queue,
            TokenRepository tokens,
            PositionService positions,
            Clock clock) {
        this.doctors = doctors;
        this.departments = departments;
        this.queue = queue;
        this.tokens = tokens;
        this.positions = positions;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    View view(long doctorId) {
        Doctor doctor = doctors.get(doctorId);
        Instant now = clock.instant();
        Current current = queue.activeTokenOf(doctorId)
                .flatMap(tokens::find)
                .map(t -> new Current(
                        t.id(),
                        t.departmentId(),
                        t.number().display(),
                        t.patient().name(),
                        t.status(),
                        t.priority(),
                        t.calledAt()))
                .orElse(null);
        List<Queue> queues = doctor.departmentIds().stream()
                .map(departments::get)
                .sorted(Comparator.comparing(Department::name))
                .map(d -> new Queue(
                        d,
                        positions.queue(d.id()).waiting().stream()
                                .filter(e -> e.preferredDoctorId() == null || e.preferredDoctorId() == doctorId)
                                .map(e -> new Waiting(
                                        e.position(),
                                        e.number(),
                                        e.priority(),
                                        e.preferredDoctorId() != null,
                                        WaitedMinutes.since(e.joinedAt(), now)))
                                .toList()))
                .toList();
        // A transfer goes to another department; the patient's own would be refused.
        List<Department> transferTargets = departments.all().stream()
                .filter(d -> current == null || d.id() != current.departmentId())
                .toList();
        return new View(doctor, current, queues, transferTargets);
    }
}
