package org.dqms.doctor;

import jakarta.validation.constraints.NotNull;

/** The body of PUT /api/v1/doctors/{id}/duty, e.g. {@code {"status": "ON_BREAK"}}. */
record DutyRequest(@NotNull DutyStatus status) {}
