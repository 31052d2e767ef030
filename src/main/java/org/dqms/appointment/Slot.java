package org.dqms.appointment;

import java.time.Instant;

/**
 * One bookable time of a plan.
 *
 * @param forWalkIns kept for walk-ins by the plan's walk-in share: never offered
 * @param booked how many appointments it holds now
 */
record Slot(Instant startsAt, Instant endsAt, int capacity, int booked, boolean forWalkIns) {

    int free() {
        return forWalkIns ? 0 : Math.max(0, capacity - booked);
    }
}
