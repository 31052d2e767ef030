package org.dqms.analytics;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.DoctorService;
import org.dqms.queue.QueueBoard;
import org.dqms.queue.QueueSnapshots;
import org.dqms.queue.WaitedMinutes;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How each department stands right now: who waits, for how long at most, and who is on duty. */
@Service
class LiveFigures {

    /**
     * @param longestWaitMinutes how long the longest-waiting token has waited; null when nobody waits
     * @param doctorsOnDuty a doctor serving n departments counts 1/n in each
     */
    record Department(
            long departmentId,
            String name,
            boolean open,
            int waiting,
            Long longestWaitMinutes,
            int beingSeen,
            double doctorsOnDuty) {}

    private final DepartmentService departments;
    private final DoctorService doctors;
    private final QueueSnapshots snapshots;
    private final Clock clock;

    LiveFigures(DepartmentService departments, DoctorService doctors, QueueSnapshots snapshots, Clock clock) {
        this.departments = departments;
        this.doctors = doctors;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<Department> now() {
        Instant now = clock.instant();
        return departments.all().stream().map(d -> figures(d, now)).toList();
    }

    private Department figures(org.dqms.department.Department department, Instant now) {
        QueueBoard board = snapshots.snapshot(department.id(), Set.of()).board();
        Long longest = board.oldestJoinedAt() == null ? null : WaitedMinutes.since(board.oldestJoinedAt(), now);
        return new Department(
                department.id(),
                department.name(),
                board.open(),
                board.waiting(),
                longest,
                board.calling().size(),
                Math.round(doctors.doctorsOnDuty(department.id()) * 10) / 10.0);
    }
}
