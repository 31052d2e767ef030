package org.dqms.security;

import java.util.List;
import org.dqms.accounts.UserAccount;

/** The signed-in account as {@code GET /api/v1/auth/me} shows it. */
record AccountView(
        long id, String email, String name, String role, List<Long> departmentIds, Long doctorId, String phone) {

    static AccountView of(UserAccount account) {
        List<Long> departments = account.departmentIds() == null
                ? List.of()
                : account.departmentIds().stream().sorted().toList();
        return new AccountView(
                account.id(),
                account.email(),
                account.name(),
                account.role().name(),
                departments,
                account.doctorId(),
                account.phone());
    }
}
