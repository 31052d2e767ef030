package org.dqms.accounts;

import java.util.Set;

/** An account to create, checked by {@link AccountService}; the password travels separately. */
record NewAccount(String email, String name, String phone, Role role, Set<Long> departmentIds, Long doctorId) {

    NewAccount {
        departmentIds = departmentIds == null ? Set.of() : Set.copyOf(departmentIds);
    }
}
