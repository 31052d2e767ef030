package org.dqms.appointment;

import java.time.Duration;

/**
 * How a department, or one doctor in it, takes bookings.
 *
 * @param doctorId null for the department as a whole
 * @param walkInSharePercent of every run of slots, this share is never offered, so walk-ins keep
 *     being served
 * @param horizonDays how many days ahead booking is open, today included
 */
record BookingPlan(
        long id,
        long departmentId,
        Long doctorId,
        int slotMinutes,
        int capacityPerSlot,
        int walkInSharePercent,
        int horizonDays) {

    Duration slotLength() {
        return Duration.ofMinutes(slotMinutes);
    }

    /**
     * Whether the {@code index}-th slot of an opening interval may be booked. Spreads the bookable
     * slots evenly: with a 50 % walk-in share every second slot is kept for walk-ins.
     */
    boolean bookable(int index) {
        double share = (100 - walkInSharePercent) / 100.0;
        return Math.floor((index + 1) * share + 1e-9) > Math.floor(index * share + 1e-9);
    }
}
