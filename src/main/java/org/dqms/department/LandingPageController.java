package org.dqms.department;

import java.time.Clock;
import org.dqms.platform.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: every department, open or not, with the ways in. */
@PageController
class LandingPageController {

    private final DepartmentService departments;
    private final Clock clock;

    LandingPageController(DepartmentService departments, Clock clock) {
        this.departments = departments;
        this.clock = clock;
    }

    /** A department as the start page lists it. */
    record Listed(Department department, boolean open) {}

    @GetMapping("/")
    String landing(Model model) {
        model.addAttribute(
                "departments",
                departments.all().stream()
                        .map(d -> new Listed(d, d.isOpen(clock.instant())))
                        .toList());
        return "public/landing";
    }
}
