package org.dqms.department;

import java.util.List;

/** One page of departments and how many match in all. */
record DepartmentPage(List<Department> content, int page, int size, long totalElements) {}
