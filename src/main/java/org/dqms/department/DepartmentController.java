package org.dqms.department;

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
 * Administration of departments: /api/v1/departments. Reading is open to everybody; changes are
 * for administrators (AuthorizationRules), who come in as the {@link Actor} parameter.
 */
@RestController
@RequestMapping("/api/v1/departments")
class DepartmentController {

    private final DepartmentService departments;

    DepartmentController(DepartmentService departments) {
        this.departments = departments;
    }

    @PostMapping
    ResponseEntity<DepartmentView> create(Actor actor, @Valid @RequestBody DepartmentRequest request) {
        Department department = departments.create(actor, request.details());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}")
                .buildAndExpand(department.id())
                .toUri();
        return ResponseEntity.created(location).body(DepartmentView.of(department));
    }

    /** Departments by name, a page at a time; {@code name} keeps those whose name contains it. */
    @GetMapping
    PageView<DepartmentView> list(
            @RequestParam(required = false) String name,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        DepartmentPage found = departments.page(name, page, size);
        return PageView.of(found.content(), found.page(), found.size(), found.totalElements())
                .map(DepartmentView::of);
    }

    @GetMapping("/{id}")
    DepartmentView get(@PathVariable long id) {
        return DepartmentView.of(departments.get(id));
    }

    @PutMapping("/{id}")
    DepartmentView update(Actor actor, @PathVariable long id, @Valid @RequestBody DepartmentRequest request) {
        return DepartmentView.of(departments.update(actor, id, request.details()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable long id) {
        departments.delete(actor, id);
    }
}
