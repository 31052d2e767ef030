package org.dqms.accounts;

import java.util.Objects;
import java.util.Set;

/**
 * A person who can sign in. Never carries the password or its hash.
 *
 * @param id the account's id
 * @param email the sign-in name, as entered at creation (compared without regard to case)
 * @param name the person's name, as shown to others
 * @param role what the person may do
 * @param departmentIds the departments a {@link Role#RECEPTION} account works for; empty for others
 * @param doctorId the doctor record a {@link Role#DOCTOR} account is; null for others
 * @param phone a {@link Role#PATIENT}'s phone in E.164 ({@code +919812345678}), or null
 */
public record UserAccount(
        long id, String email, String name, Role role, Set<Long> departmentIds, Long doctorId, String phone) {

    public UserAccount {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        departmentIds = departmentIds == null ? Set.of() : Set.copyOf(departmentIds);
    }
}
