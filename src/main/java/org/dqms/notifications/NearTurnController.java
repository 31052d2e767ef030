package org.dqms.notifications;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.dqms.department.DepartmentService;
import org.dqms.platform.ServerOnly;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Administrators set how few ahead make "your turn is near" in a department; null goes back to the default. */
@RestController
@ServerOnly
class NearTurnController {

    private final NearTurnSettings settings;
    private final NotificationSettings defaults;
    private final DepartmentService departments;

    NearTurnController(NearTurnSettings settings, NotificationSettings defaults, DepartmentService departments) {
        this.settings = settings;
        this.defaults = defaults;
        this.departments = departments;
    }

    /** @param nearTurnAhead null to use {@code DQMS_NOTIFY_NEAR_TURN_AHEAD} */
    record NearTurn(@Min(0) @Max(50) Integer nearTurnAhead, Boolean usesDefault) {}

    @GetMapping("/api/v1/departments/{id}/notifications")
    NearTurn get(@PathVariable long id) {
        departments.get(id);
        return settings.of(id)
                .map(ahead -> new NearTurn(ahead, false))
                .orElse(new NearTurn(defaults.nearTurnAhead(), true));
    }

    @PutMapping("/api/v1/departments/{id}/notifications")
    NearTurn set(@PathVariable long id, @Valid @RequestBody NearTurn request) {
        departments.get(id);
        if (request.nearTurnAhead() == null) {
            settings.clear(id);
        } else {
            settings.set(id, request.nearTurnAhead());
        }
        return get(id);
    }
}
