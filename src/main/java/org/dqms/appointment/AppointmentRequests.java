package org.dqms.appointment;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The bodies the appointment endpoints take. */
final class AppointmentRequests {

    private AppointmentRequests() {}

    /** A booking of the slot starting at {@code startsAt} (an instant, e.g. 2030-01-15T04:30:00Z). */
    record Book(
            @NotNull Instant startsAt,
            @NotBlank @Size(max = 120) String patientName,

            @NotBlank @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be in E.164 form, e.g. +919812345678")
            String phone,

            @Email @Size(max = 254) String email,
            @Size(max = 3) java.util.List<org.dqms.queue.@NotNull NotifyChannel> notifications) {}

    record Reschedule(@NotNull Instant startsAt) {}

    record Cancel(@Size(max = 500) String reason) {}

    record NewPlan(
            @NotNull @Positive Long departmentId,
            @Positive Long doctorId,
            @NotNull PlanDetails plan) {}
}
