package org.dqms.appointment;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Booking plans: read by everybody (the booking page needs them), changed by administrators. */
@RestController
class BookingPlanController {

    private final BookingPlanService plans;

    BookingPlanController(BookingPlanService plans) {
        this.plans = plans;
    }

    @GetMapping("/api/v1/booking-plans")
    List<BookingPlan> list(@RequestParam(required = false) Long departmentId) {
        return departmentId == null ? plans.all() : plans.ofDepartment(departmentId);
    }

    @GetMapping("/api/v1/booking-plans/{id}")
    BookingPlan get(@PathVariable long id) {
        return plans.get(id);
    }

    @PostMapping("/api/v1/booking-plans")
    ResponseEntity<BookingPlan> create(@Valid @RequestBody AppointmentRequests.NewPlan request) {
        BookingPlan plan = plans.create(request.departmentId(), request.doctorId(), request.plan());
        return ResponseEntity.created(URI.create("/api/v1/booking-plans/" + plan.id()))
                .body(plan);
    }

    @PutMapping("/api/v1/booking-plans/{id}")
    BookingPlan update(@PathVariable long id, @Valid @RequestBody PlanDetails details) {
        return plans.update(id, details);
    }

    @DeleteMapping("/api/v1/booking-plans/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        plans.delete(id);
        return ResponseEntity.noContent().build();
    }
}
