package org.dqms.department;

/** A department as the API shows it; its hours are at /api/v1/departments/{id}/hours. */
record DepartmentView(long id, String name, String prefix, String timeZone, int dailyCapacity, int targetWaitMinutes) {

    static DepartmentView of(Department department) {
        return new DepartmentView(
                department.id(),
                department.name(),
                department.prefix().value(),
                department.timeZone().getId(),
                department.dailyCapacity(),
                department.targetWaitMinutes());
    }
}
