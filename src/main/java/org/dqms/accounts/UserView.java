package org.dqms.accounts;

import java.util.List;

/** An account as /api/v1/users shows it: never its password or hash. */
record UserView(
        long id, String email, String name, Role role, List<Long> departmentIds, Long doctorId, boolean enabled) {

    static UserView of(ManagedAccount managed) {
        UserAccount account = managed.account();
        return new UserView(
                account.id(),
                account.email(),
                account.name(),
                account.role(),
                account.departmentIds().stream().sorted().toList(),
                account.doctorId(),
                managed.enabled());
    }
}
