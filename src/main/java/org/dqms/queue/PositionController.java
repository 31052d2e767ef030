package org.dqms.queue;

import org.dqms.queue.PositionService.TokenPosition;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A waiting patient's place and wait: {@code position} (1 is next), {@code ahead}, and the estimate
 * with its range and inputs. For a token that no longer waits, only its {@code status}.
 */
@RestController
class PositionController {

    private final PositionService positions;

    PositionController(PositionService positions) {
        this.positions = positions;
    }

    @GetMapping("/api/v1/tokens/{id}/position")
    TokenPosition position(@PathVariable long id) {
        return positions.position(id);
    }
}
