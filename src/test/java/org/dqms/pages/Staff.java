package org.dqms.pages;

import java.util.Set;
import java.util.UUID;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.accounts.UserAccount;
import org.dqms.platform.Actor;
import org.dqms.testing.ApiClient;

/** Staff accounts for page tests; every one has the password {@link ApiClient#PASSWORD}. */
final class Staff {

    private Staff() {}

    static UserAccount doctor(AccountService accounts, long doctorId) {
        return create(accounts, Role.DOCTOR, Set.of(), doctorId);
    }

    static UserAccount reception(AccountService accounts, long... departmentIds) {
        return create(
                accounts,
                Role.RECEPTION,
                java.util.Arrays.stream(departmentIds).boxed().collect(java.util.stream.Collectors.toSet()),
                null);
    }

    static UserAccount admin(AccountService accounts) {
        return create(accounts, Role.ADMIN, Set.of(), null);
    }

    private static UserAccount create(AccountService accounts, Role role, Set<Long> departments, Long doctorId) {
        String email = role.name().toLowerCase(java.util.Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "@hospital.example";
        return accounts.createStaff(
                Actor.staff("test-setup"),
                email,
                "Page " + role.name(),
                role,
                departments,
                doctorId,
                ApiClient.PASSWORD);
    }
}
