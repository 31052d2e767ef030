package org.dqms.queue;

import org.dqms.queue.PositionService.TokenPosition;
import org.dqms.security.Caller;
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
    private final TokenAccess access;

    PositionController(PositionService positions, TokenAccess access) {
        this.positions = positions;
        this.access = access;
    }

    @GetMapping("/api/v1/tokens/{id}/position")
    TokenPosition position(Caller caller, @PathVariable long id) {
        access.requireRead(caller, id);
        return positions.position(id);
    }
}
