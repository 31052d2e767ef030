package org.dqms.doctor;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** The body of POST and PUT /api/v1/doctors. */
record DoctorRequest(
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 40) String room,
        @Size(max = 120) String specialization,
        @NotNull @Min(1) @Max(240) Integer consultationMinutes,
        @NotEmpty Set<@NotNull Long> departmentIds) {

    DoctorDetails details() {
        return new DoctorDetails(name, room, specialization, consultationMinutes, departmentIds);
    }
}
