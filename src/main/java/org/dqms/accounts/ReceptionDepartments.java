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

    // In the delete's transaction, where the department is locked, so no account joins it meanwhile.
    // The check reads only after the department's accounts are locked too (after its doctors, see
    // DepartmentDeleting): a delete of their other department, or an edit that takes it from them,
    // that is in flight ends first and is seen.
    @EventListener
    void on(DepartmentDeleting event) {
        accounts.lockInDepartment(event.departmentId());
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
