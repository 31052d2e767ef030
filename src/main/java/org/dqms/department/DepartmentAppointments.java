package org.dqms.department;

/**
 * The appointments booked in a department, a record that keeps it from being deleted. The
 * appointment module provides it.
 */
public interface DepartmentAppointments {

    /** How many appointments, of any status, the department has. */
    long inDepartment(long departmentId);
}
