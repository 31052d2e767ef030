package org.dqms.accounts;

import java.util.List;
import java.util.Map;
import org.dqms.department.DepartmentDeleting;
import org.dqms.platform.ConflictException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every reception account in at least one department: a department that is the only one of
 * a reception account, enabled or not, is not deleted (409) until the account has another.
 */
@Component
class ReceptionDepartments {

    private final AccountRepository accounts;

    ReceptionDepartments(AccountRepository accounts) {
        this.accounts = accounts;
    }

    // In the delete's transaction: the department is locked, so no account joins it meanwhile.
    @EventListener
    void on(DepartmentDeleting event) {
        List<Long> only = accounts.receptionOnlyIn(event.departmentId());
        if (!only.isEmpty()) {
            throw new ConflictException(
                    "Department has reception accounts",
                    "Department " + event.departmentId() + " is the only department of reception accounts " + only
                            + "; give them another department first.",
                    Map.of("accountIds", only));
        }
    }
}
