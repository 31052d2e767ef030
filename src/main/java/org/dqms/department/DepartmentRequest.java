package org.dqms.department;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.ZoneId;

/** The body of POST and PUT /api/v1/departments. */
record DepartmentRequest(
        @NotBlank @Size(max = 120) String name,

        @NotNull @Pattern(regexp = "^[A-Z]{2,6}$", message = "must be 2 to 6 capital letters")
        String prefix,

        @NotNull @TimeZoneId String timeZone,
        @NotNull @Min(1) @Max(100_000) Integer dailyCapacity,
        @NotNull @Min(1) @Max(1440) Integer targetWaitMinutes) {

    DepartmentDetails details() {
        return new DepartmentDetails(
                name, new DepartmentPrefix(prefix), ZoneId.of(timeZone), dailyCapacity, targetWaitMinutes);
    }
}
