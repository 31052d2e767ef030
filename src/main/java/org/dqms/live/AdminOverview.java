package org.dqms.live;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.platform.PageController;
import org.dqms.platform.ServerOnly;
import org.dqms.queue.QueueBoard;
import org.dqms.queue.QueueSnapshots;
import org.dqms.queue.WaitedMinutes;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The administrators' start page: every queue at a glance, rendered here and then kept current by
 * the page's one event stream over the departments ({@code static/js/admin-overview.js}).
 */
@PageController
@ServerOnly
class AdminOverview {

    private final DepartmentService departments;
    private final DoctorService doctors;
    private final QueueSnapshots snapshots;
    private final Clock clock;

    AdminOverview(DepartmentService departments, DoctorService doctors, QueueSnapshots snapshots, Clock clock) {
        this.departments = departments;
        this.doctors = doctors;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /**
     * A department's row.
     *
     * @param longestWaitMinutes how long the longest-waiting token has waited; null when nobody waits
     */
    record Row(QueueBoard board, Long longestWaitMinutes) {}

    /** A doctor who is on duty or on a break, with the names of the departments served. */
    record OnDuty(Doctor doctor, List<String> departments) {}

    @GetMapping("/admin")
    String overview(Model model) {
        List<Department> all = departments.all();
        List<Row> rows = new ArrayList<>();
        Map<Long, Doctor> working = new TreeMap<>();
        for (Department department : all) {
            QueueBoard board = snapshots.snapshot(department.id(), Set.of()).board();
            rows.add(new Row(board, waited(board)));
            doctors.inDepartment(department.id()).stream()
                    .filter(d -> d.dutyStatus() != DutyStatus.OFF_DUTY)
                    .forEach(d -> working.putIfAbsent(d.id(), d));
        }
        Map<Long, String> names = all.stream().collect(Collectors.toMap(Department::id, Department::name));
        model.addAttribute("rows", rows);
        model.addAttribute(
                "doctors",
                working.values().stream()
                        .sorted(Comparator.comparing(Doctor::name))
                        .map(d -> new OnDuty(
                                d,
                                d.departmentIds().stream()
                                        .map(names::get)
                                        .filter(Objects::nonNull)
                                        .sorted()
                                        .toList()))
                        .toList());
        // One stream carries at most LiveStreamServlet.MAX_DEPARTMENTS boards; more stay as rendered.
        model.addAttribute(
                "liveIds",
                all.stream()
                        .limit(LiveStreamServlet.MAX_DEPARTMENTS)
                        .map(d -> Long.toString(d.id()))
                        .collect(Collectors.joining(",")));
        model.addAttribute("notLive", Math.max(0, all.size() - LiveStreamServlet.MAX_DEPARTMENTS));
        return "admin/overview";
    }

    private Long waited(QueueBoard board) {
        if (board.oldestJoinedAt() == null) {
            return null;
        }
        return WaitedMinutes.since(board.oldestJoinedAt(), clock.instant());
    }
}
