package org.dqms.doctor;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.dqms.platform.Actor;
import org.dqms.platform.PageView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Administration of doctors: /api/v1/doctors. Reading is open to everybody; changes are for
 * administrators (AuthorizationRules), who come in as the {@link Actor} parameter.
 */
@RestController
@RequestMapping("/api/v1/doctors")
class DoctorController {

    private final DoctorService doctors;

    DoctorController(DoctorService doctors) {
        this.doctors = doctors;
    }

    @PostMapping
    ResponseEntity<DoctorView> create(Actor actor, @Valid @RequestBody DoctorRequest request) {
        Doctor doctor = doctors.create(actor, request.details());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}")
                .buildAndExpand(doctor.id())
                .toUri();
        return ResponseEntity.created(location).body(DoctorView.of(doctor));
    }

    /** Doctors by name, a page at a time; {@code departmentId} keeps those who serve that department. */
    @GetMapping
    PageView<DoctorView> list(
            @RequestParam(required = false) Long departmentId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        DoctorPage found = doctors.page(departmentId, page, size);
        return PageView.of(found.content(), found.page(), found.size(), found.totalElements())
                .map(DoctorView::of);
    }

    @GetMapping("/{id}")
    DoctorView get(@PathVariable long id) {
        return DoctorView.of(doctors.get(id));
    }

    @PutMapping("/{id}")
    DoctorView update(Actor actor, @PathVariable long id, @Valid @RequestBody DoctorRequest request) {
        return DoctorView.of(doctors.update(actor, id, request.details()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable long id) {
        doctors.delete(actor, id);
    }

    @PutMapping("/{id}/duty")
    DoctorView setDuty(Actor actor, @PathVariable long id, @Valid @RequestBody DutyRequest request) {
        return DoctorView.of(doctors.setDutyStatus(actor, id, request.status()));
    }
}
