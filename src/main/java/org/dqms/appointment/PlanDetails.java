package org.dqms.appointment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** What an administrator sets on a booking plan. */
record PlanDetails(
        @Min(5) @Max(240) int slotMinutes,
        @Min(1) @Max(100) int capacityPerSlot,
        @Min(0) @Max(100) int walkInSharePercent,
        @Min(1) @Max(365) int horizonDays) {}
