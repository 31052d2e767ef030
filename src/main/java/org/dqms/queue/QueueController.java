package org.dqms.queue;

import org.dqms.queue.PositionService.DepartmentQueue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A department's waiting tokens in the order they will be called, with their positions: what a
 * display board or the reception desk shows. Patients' names and phones are not part of it.
 */
@RestController
class QueueController {

    private final PositionService positions;

    QueueController(PositionService positions) {
        this.positions = positions;
    }

    @GetMapping("/api/v1/departments/{id}/queue")
    DepartmentQueue queue(@PathVariable long id) {
        return positions.queue(id);
    }
}
