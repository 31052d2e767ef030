package org.dqms.queue;

import org.dqms.queue.PositionService.DepartmentQueue;
import org.dqms.security.Caller;
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
    private final TokenAccess access;

    QueueController(PositionService positions, TokenAccess access) {
        this.positions = positions;
        this.access = access;
    }

    /** For the department's reception and doctors, and administrators. */
    @GetMapping("/api/v1/departments/{id}/queue")
    DepartmentQueue queue(Caller caller, @PathVariable long id) {
        access.requireQueue(caller, id);
        return positions.queue(id);
    }
}
