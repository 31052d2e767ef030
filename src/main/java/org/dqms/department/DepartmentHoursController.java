package org.dqms.department;

import jakarta.validation.Valid;
import org.dqms.platform.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A department's weekly hours and closed dates: /api/v1/departments/{id}/hours. */
@RestController
@RequestMapping("/api/v1/departments/{id}/hours")
class DepartmentHoursController {

    private final DepartmentService departments;

    DepartmentHoursController(DepartmentService departments) {
        this.departments = departments;
    }

    @GetMapping
    HoursBody get(@PathVariable long id) {
        return HoursBody.of(departments.get(id).hours());
    }

    /** Replaces all intervals and closed dates; a weekday left out is closed. */
    @PutMapping
    HoursBody put(Actor actor, @PathVariable long id, @Valid @RequestBody HoursBody body) {
        return HoursBody.of(departments.setHours(actor, id, body.hours()).hours());
    }
}
