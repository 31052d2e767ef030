package org.dqms.appointment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dqms.department.Department;
import org.dqms.department.OpeningTime;

/**
 * A plan's slots on one local date: its opening intervals cut into slots of the plan's length in
 * real time, so a daylight-saving day neither loses nor doubles a slot: the spring-forward day has
 * an hour fewer of them, the fall-back day an hour more.
 */
final class SlotPlanner {

    private SlotPlanner() {}

    static List<Slot> slots(BookingPlan plan, Department department, LocalDate date, Map<Instant, Integer> booked) {
        List<Slot> slots = new ArrayList<>();
        if (department.hours().closedDates().containsKey(date)) {
            return slots;
        }
        for (OpeningTime interval : department.hours().on(date.getDayOfWeek())) {
            Instant opens = interval.opensOn(date, department.timeZone());
            Instant closes = interval.closesOn(date, department.timeZone());
            int index = 0;
            for (Instant start = opens;
                    !start.plus(plan.slotLength()).isAfter(closes);
                    start = start.plus(plan.slotLength()), index++) {
                slots.add(new Slot(
                        start,
                        start.plus(plan.slotLength()),
                        plan.capacityPerSlot(),
                        booked.getOrDefault(start, 0),
                        !plan.bookable(index)));
            }
        }
        return slots;
    }
}
