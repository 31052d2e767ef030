package org.dqms.live;

import java.util.List;
import java.util.Set;
import org.dqms.department.DepartmentService;
import org.dqms.platform.NotFoundException;
import org.dqms.platform.PageController;
import org.dqms.queue.QueueBoard;
import org.dqms.queue.QueueSnapshots;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The waiting room's screen: who goes to which room, and the next numbers, for one department or
 * several ({@code /board?departments=1,2}). Public, like the screen itself; it shows numbers only.
 * The language ({@code ?lang=hi}) is also the language of the spoken announcements.
 */
@PageController
class BoardPageController {

    private final QueueSnapshots snapshots;
    private final DepartmentService departments;

    BoardPageController(QueueSnapshots snapshots, DepartmentService departments) {
        this.snapshots = snapshots;
        this.departments = departments;
    }

    @GetMapping("/board/{departmentId}")
    String board(@PathVariable long departmentId, Model model) {
        return render(List.of(departmentId), model);
    }

    @GetMapping("/board")
    String boards(@RequestParam(defaultValue = "") String departments, Model model) {
        List<Long> ids = LiveStreamServlet.ids(departments)
                .orElseGet(() -> this.departments.all().stream()
                        .map(d -> d.id())
                        .limit(LiveStreamServlet.MAX_DEPARTMENTS)
                        .toList());
        return render(ids, model);
    }

    private String render(List<Long> ids, Model model) {
        for (Long id : ids) {
            if (departments.find(id).isEmpty()) {
                throw new NotFoundException("Department", id);
            }
        }
        List<QueueBoard> boards =
                ids.stream().map(id -> snapshots.snapshot(id, Set.of()).board()).toList();
        model.addAttribute("boards", boards);
        model.addAttribute(
                "streamIds", String.join(",", ids.stream().map(String::valueOf).toList()));
        return "board";
    }
}
