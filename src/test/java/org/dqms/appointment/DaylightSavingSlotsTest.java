package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;
import org.dqms.department.Department;
import org.dqms.department.DepartmentPrefix;
import org.dqms.department.OpeningTime;
import org.dqms.department.WeeklyHours;
import org.junit.jupiter.api.Test;

/** Slots in real time: a daylight-saving day neither loses nor doubles one, and zones are respected. */
class DaylightSavingSlotsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final BookingPlan HALF_HOURS = new BookingPlan(1, 1, null, 30, 1, 0, 30);

    private static Department openAtNight(ZoneId zone) {
        return new Department(
                1,
                "Night clinic",
                new DepartmentPrefix("NIGHT"),
                zone,
                100,
                30,
                WeeklyHours.weekly(List.of(DayOfWeek.values()), List.of(OpeningTime.of("01:00", "04:00"))));
    }

    private static LocalDate transitionDay(String after) {
        ZoneOffsetTransition transition = BERLIN.getRules().nextTransition(Instant.parse(after));
        return transition.getInstant().atZone(BERLIN).toLocalDate();
    }

    @Test
    void springForwardDayHasTheSlotsOfTwoRealHours() {
        LocalDate day = transitionDay("2030-03-01T00:00:00Z");
        List<Slot> slots = SlotPlanner.slots(HALF_HOURS, openAtNight(BERLIN), day, Map.of());

        assertThat(slots)
                .extracting(s -> s.startsAt().atZone(BERLIN).toLocalTime().toString())
                .containsExactly("01:00", "01:30", "03:00", "03:30");
        assertThat(slots)
                .allSatisfy(s ->
                        assertThat(Duration.between(s.startsAt(), s.endsAt())).isEqualTo(Duration.ofMinutes(30)));
    }

    @Test
    void fallBackDayHasTheSlotsOfFourRealHoursWithoutDuplicates() {
        LocalDate day = transitionDay("2030-09-01T00:00:00Z");
        List<Slot> slots = SlotPlanner.slots(HALF_HOURS, openAtNight(BERLIN), day, Map.of());

        assertThat(slots).hasSize(8);
        assertThat(slots).extracting(Slot::startsAt).doesNotHaveDuplicates();
        assertThat(slots)
                .extracting(s -> s.startsAt().atZone(BERLIN).toLocalTime().toString())
                .containsExactly("01:00", "01:30", "02:00", "02:30", "02:00", "02:30", "03:00", "03:30");
    }

    @Test
    void anOrdinaryDayHasSixSlotsAndTheZoneDecidesTheInstants() {
        LocalDate day = LocalDate.of(2030, 1, 15);
        List<Slot> kolkata = SlotPlanner.slots(HALF_HOURS, openAtNight(ZoneId.of("Asia/Kolkata")), day, Map.of());
        List<Slot> newYork = SlotPlanner.slots(HALF_HOURS, openAtNight(ZoneId.of("America/New_York")), day, Map.of());

        assertThat(kolkata).hasSize(6);
        assertThat(kolkata.get(0).startsAt()).isEqualTo(Instant.parse("2030-01-14T19:30:00Z"));
        assertThat(newYork.get(0).startsAt()).isEqualTo(Instant.parse("2030-01-15T06:00:00Z"));
    }

    @Test
    void aDayOpenUntil2359HasItsLastSlotEndAtMidnight() {
        Department allDay = new Department(
                1,
                "Casualty",
                new DepartmentPrefix("CAS"),
                ZoneId.of("Asia/Kolkata"),
                100,
                30,
                WeeklyHours.weekly(List.of(DayOfWeek.values()), List.of(OpeningTime.of("00:00", "23:59"))));
        LocalDate day = LocalDate.of(2030, 1, 15);

        List<Slot> slots = SlotPlanner.slots(HALF_HOURS, allDay, day, Map.of());

        assertThat(slots).hasSize(48);
        assertThat(slots.get(47).endsAt()).isEqualTo(Instant.parse("2030-01-15T18:30:00Z"));
    }

    @Test
    void aClosedDateHasNoSlots() {
        Department department = openAtNight(BERLIN);
        LocalDate day = LocalDate.of(2030, 1, 15);
        Department closed = new Department(
                department.id(),
                department.name(),
                department.prefix(),
                department.timeZone(),
                department.dailyCapacity(),
                department.targetWaitMinutes(),
                department.hours().closedOn(day, "holiday"));
        assertThat(SlotPlanner.slots(HALF_HOURS, closed, day, Map.of())).isEmpty();
        assertThat(SlotPlanner.slots(HALF_HOURS, closed, day.plusDays(1), Map.of()))
                .hasSize(6);
    }

    @Test
    void theWalkInShareSpreadsTheBookableSlotsEvenly() {
        BookingPlan quarter = new BookingPlan(1, 1, null, 15, 1, 25, 30);
        assertThat(java.util.stream.IntStream.range(0, 8).mapToObj(quarter::bookable))
                .containsExactly(false, true, true, true, false, true, true, true);
        BookingPlan none = new BookingPlan(1, 1, null, 15, 1, 100, 30);
        assertThat(java.util.stream.IntStream.range(0, 8).mapToObj(none::bookable))
                .containsOnly(false);
        BookingPlan all = new BookingPlan(1, 1, null, 15, 1, 0, 30);
        assertThat(java.util.stream.IntStream.range(0, 8).mapToObj(all::bookable))
                .containsOnly(true);
    }
}
