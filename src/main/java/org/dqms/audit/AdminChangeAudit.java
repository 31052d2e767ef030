package org.dqms.audit;

import java.util.Map;
import org.dqms.department.DepartmentChanged;
import org.dqms.doctor.DoctorChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Changes to departments and doctors, recorded inside the transaction of the change: the entry and
 * the change commit together or not at all, so no change goes unrecorded and no refused one is.
 */
@Component
class AdminChangeAudit {

    private final AuditLog log;

    AdminChangeAudit(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void on(DepartmentChanged event) {
        AuditAction action = switch (event.change()) {
            case CREATED -> AuditAction.DEPARTMENT_CREATED;
            case UPDATED -> AuditAction.DEPARTMENT_UPDATED;
            case DELETED -> AuditAction.DEPARTMENT_DELETED;
            case HOURS_SET -> AuditAction.DEPARTMENT_HOURS_SET;
            case CLOSED_ON -> AuditAction.DEPARTMENT_CLOSED_ON;
            case REOPENED_ON -> AuditAction.DEPARTMENT_REOPENED_ON;
        };
        String key = switch (event.change()) {
            case CLOSED_ON, REOPENED_ON -> "date";
            default -> "prefix";
        };
        log.record(event.actor(), action, "department:" + event.departmentId(), details(key, event.detail()));
    }

    @EventListener
    void on(DoctorChanged event) {
        AuditAction action = switch (event.change()) {
            case CREATED -> AuditAction.DOCTOR_CREATED;
            case UPDATED -> AuditAction.DOCTOR_UPDATED;
            case DELETED -> AuditAction.DOCTOR_DELETED;
            case DUTY_CHANGED -> AuditAction.DOCTOR_DUTY_CHANGED;
        };
        log.record(event.actor(), action, "doctor:" + event.doctorId(), details("dutyStatus", event.detail()));
    }

    private static Map<String, String> details(String key, String value) {
        return value == null || value.isEmpty() ? Map.of() : Map.of(key, value);
    }
}
