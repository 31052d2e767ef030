package org.dqms.doctor;

import java.util.List;

/** One page of doctors and how many match in all. */
record DoctorPage(List<Doctor> content, int page, int size, long totalElements) {}
