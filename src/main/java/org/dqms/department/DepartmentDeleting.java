package org.dqms.department;

/**
 * A department is about to be deleted: published by {@link DepartmentService#delete} inside its
 * transaction, with the department locked ({@code FOR UPDATE}) and still there. A module whose
 * records would be left without any department refuses by throwing a {@link
 * org.dqms.platform.ConflictException} (409), which rolls the delete back. A listener that locks its
 * own rows does so after the department, in the order of their ids (docs/DATABASE.md, "Row locks").
 */
public record DepartmentDeleting(long departmentId) {}
