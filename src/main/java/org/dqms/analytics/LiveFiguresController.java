package org.dqms.analytics;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The live figures of every department, for administrators and their BI tools. */
@RestController
class LiveFiguresController {

    private final LiveFigures figures;

    LiveFiguresController(LiveFigures figures) {
        this.figures = figures;
    }

    @GetMapping("/api/v1/analytics/live")
    List<LiveFigures.Department> now() {
        return figures.now();
    }
}
