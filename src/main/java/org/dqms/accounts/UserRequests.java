package org.dqms.accounts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Set;

/** The bodies of /api/v1/users. The accounts service checks the rest (policy, scope) with 400s. */
final class UserRequests {

    static final String STAFF_ROLE = "RECEPTION|DOCTOR|ADMIN";
    static final String STAFF_ROLE_MESSAGE = "must be RECEPTION, DOCTOR or ADMIN";

    private UserRequests() {}

    /** POST /api/v1/users. */
    record Create(
            @NotBlank String email,
            @NotBlank String name,

            @NotNull @Pattern(regexp = STAFF_ROLE, message = STAFF_ROLE_MESSAGE)
            String role,

            Set<@NotNull Long> departmentIds,
            Long doctorId,
            @NotBlank String password) {}

    /** PUT /api/v1/users/{id}/role. */
    record ChangeRole(
            @NotNull @Pattern(regexp = STAFF_ROLE, message = STAFF_ROLE_MESSAGE)
            String role,

            Set<@NotNull Long> departmentIds,
            Long doctorId) {}

    /** PUT /api/v1/users/{id}/enabled. */
    record SetEnabled(@NotNull Boolean enabled) {}
}
