package org.dqms.department;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeeklyHoursTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final List<DayOfWeek> MONDAY_TO_SATURDAY =
            List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY);

    // Monday to Saturday with a lunch break, as most outpatient departments work.
    private static final WeeklyHours CLINIC = WeeklyHours.weekly(
            MONDAY_TO_SATURDAY, List.of(OpeningTime.of("09:00", "13:00"), OpeningTime.of("14:00", "18:00")));

    // 2026-03-02 is a Monday.
    private static final LocalDate MONDAY_2_MARCH = LocalDate.of(2026, 3, 2);

    private static Instant kolkata(LocalDate date, String time) {
        return LocalDateTime.of(date, LocalTime.parse(time)).atZone(KOLKATA).toInstant();
    }

    private static Instant berlin(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void openInsideAnIntervalFromOpeningUntilJustBeforeClosing() {
        assertThat(CLINIC.isOpen(kolkata(MONDAY_2_MARCH, "09:00"), KOLKATA)).isTrue();
        assertThat(CLINIC.isOpen(kolkata(MONDAY_2_MARCH, "12:59:59"), KOLKATA)).isTrue();
        assertThat(CLINIC.isOpen(kolkata(MONDAY_2_MARCH, "17:30"), KOLKATA)).isTrue();
    }

    /** 23:59 is the last time a time field holds; as a closing time it stands for midnight. */
    @Test
    void closingAt2359MeansOpenUntilMidnight() {
        WeeklyHours allDay = WeeklyHours.weekly(List.of(DayOfWeek.values()), List.of(OpeningTime.of("00:00", "23:59")));
        WeeklyHours evening = WeeklyHours.weekly(List.of(MONDAY), List.of(OpeningTime.of("18:00", "23:59")));

        assertThat(allDay.isOpen(kolkata(MONDAY_2_MARCH, "23:59:30"), KOLKATA)).isTrue();
        assertThat(allDay.isOpen(kolkata(MONDAY_2_MARCH.plusDays(1), "00:00"), KOLKATA))
                .isTrue();
        assertThat(evening.isOpen(kolkata(MONDAY_2_MARCH, "23:59:59"), KOLKATA)).isTrue();
        assertThat(evening.closingTime(kolkata(MONDAY_2_MARCH, "23:00"), KOLKATA))
                .contains(MONDAY_2_MARCH.plusDays(1).atStartOfDay(KOLKATA));
        assertThat(evening.isOpen(kolkata(MONDAY_2_MARCH.plusDays(1), "00:00"), KOLKATA))
                .isFalse();
        assertThat(CLINIC.closingTimesOn(MONDAY_2_MARCH, KOLKATA)).last().isEqualTo(kolkata(MONDAY_2_MARCH, "18:00"));
    }

    @Test
    void closedBeforeOpeningDuringTheBreakAndFromClosingTime() {
        assertThat(CLINIC.isOpen(kolkata(MONDAY_2_MARCH, "08:59:59"), KOLKATA)).isFalse();
        assertThat(CLINIC.isOpen(kolkata(MONDAY_2_MARCH, "13:00"), KOLKATA)).isFalse();
        assertThat(CLINIC.isOpen(kolkata(MONDAY_2_MARCH, "13:59"), KOLKATA)).isFalse();
        assertThat(CLINIC.isOpen(kolkata(MONDAY_2_MARCH, "14:00"), KOLKATA)).isTrue();
        assertThat(CLINIC.isOpen(kolkata(MONDAY_2_MARCH, "18:00"), KOLKATA)).isFalse();
    }

    @Test
    void closedOnAWeekdayWithoutIntervals() {
        assertThat(CLINIC.isOpen(kolkata(LocalDate.of(2026, 3, 8), "10:00"), KOLKATA))
                .isFalse();
    }

    @Test
    void closedDateOverridesTheWeekday() {
        WeeklyHours hours = CLINIC.closedOn(MONDAY_2_MARCH, "Holi");

        assertThat(hours.isOpen(kolkata(MONDAY_2_MARCH, "10:00"), KOLKATA)).isFalse();
        assertThat(hours.isOpen(kolkata(MONDAY_2_MARCH.plusDays(1), "10:00"), KOLKATA))
                .isTrue();
        assertThat(hours.closedDates()).containsEntry(MONDAY_2_MARCH, "Holi");
    }

    @Test
    void hoursAreReadInTheGivenTimeZone() {
        // 09:30 in Kolkata is 04:00 UTC, when a department on UTC hours has not opened yet.
        Instant at = Instant.parse("2026-03-02T04:00:00Z");

        assertThat(CLINIC.isOpen(at, KOLKATA)).isTrue();
        assertThat(CLINIC.isOpen(at, ZoneOffset.UTC)).isFalse();
        assertThat(CLINIC.closingTime(at, KOLKATA))
                .contains(ZonedDateTime.of(MONDAY_2_MARCH, LocalTime.of(13, 0), KOLKATA));
        assertThat(CLINIC.closingTime(at, KOLKATA).orElseThrow().toInstant())
                .isEqualTo(Instant.parse("2026-03-02T07:30:00Z"));
    }

    @Test
    void nextOpeningDuringTheBreakIsTheAfternoon() {
        assertThat(CLINIC.nextOpening(kolkata(MONDAY_2_MARCH, "13:15"), KOLKATA))
                .map(ZonedDateTime::toInstant)
                .contains(kolkata(MONDAY_2_MARCH, "14:00"));
    }

    @Test
    void nextOpeningAfterSaturdayClosingSkipsTheSunday() {
        LocalDate saturday = LocalDate.of(2026, 3, 7);

        assertThat(CLINIC.nextOpening(kolkata(saturday, "18:00"), KOLKATA))
                .contains(ZonedDateTime.of(LocalDate.of(2026, 3, 9), LocalTime.of(9, 0), KOLKATA));
    }

    @Test
    void nextOpeningSkipsAClosedDate() {
        LocalDate saturday = LocalDate.of(2026, 3, 7);
        LocalDate monday = LocalDate.of(2026, 3, 9);
        WeeklyHours hours = CLINIC.closedOn(monday, "Staff training");

        assertThat(hours.nextOpening(kolkata(saturday, "18:00"), KOLKATA))
                .map(ZonedDateTime::toInstant)
                .contains(kolkata(monday.plusDays(1), "09:00"));
    }

    @Test
    void nextOpeningWhileOpenIsNow() {
        Instant at = kolkata(MONDAY_2_MARCH, "10:00");

        assertThat(CLINIC.nextOpening(at, KOLKATA))
                .map(ZonedDateTime::toInstant)
                .contains(at);
    }

    @Test
    void nextOpeningBeforeTheDayStartsIsThatMorning() {
        Instant at = kolkata(MONDAY_2_MARCH, "06:00");

        assertThat(CLINIC.nextOpening(at, KOLKATA))
                .map(ZonedDateTime::toInstant)
                .contains(kolkata(MONDAY_2_MARCH, "09:00"));
    }

    @Test
    void departmentWithoutHoursNeverOpens() {
        assertThat(WeeklyHours.none().nextOpening(Instant.parse("2026-03-02T00:00:00Z"), KOLKATA))
                .isEmpty();
    }

    @Test
    void nextOpeningLooksNoFurtherThan370Days() {
        // Open on Mondays only, and every Monday of the next 60 weeks is a closed date.
        WeeklyHours mondaysOnly = WeeklyHours.weekly(List.of(MONDAY), List.of(OpeningTime.of("09:00", "10:00")));
        Map<LocalDate, String> closed = new HashMap<>();
        for (int week = 0; week < 60; week++) {
            closed.put(MONDAY_2_MARCH.plusWeeks(week), "closed");
        }
        WeeklyHours hours = new WeeklyHours(mondaysOnly.days(), closed);

        assertThat(hours.nextOpening(kolkata(MONDAY_2_MARCH, "00:00"), KOLKATA)).isEmpty();
        assertThat(new WeeklyHours(mondaysOnly.days(), Map.of()).nextOpening(kolkata(MONDAY_2_MARCH, "00:00"), KOLKATA))
                .isPresent();
    }

    @Test
    void closingTimeIsTheEndOfTheCurrentIntervalOnly() {
        assertThat(CLINIC.closingTime(kolkata(MONDAY_2_MARCH, "15:00"), KOLKATA))
                .map(ZonedDateTime::toInstant)
                .contains(kolkata(MONDAY_2_MARCH, "18:00"));
        assertThat(CLINIC.closingTime(kolkata(MONDAY_2_MARCH, "13:30"), KOLKATA))
                .isEmpty();
    }

    @Test
    void closingTimesOnADayEndWithItsLastClosing() {
        assertThat(CLINIC.closingTimesOn(MONDAY_2_MARCH, KOLKATA))
                .containsExactly(kolkata(MONDAY_2_MARCH, "13:00"), kolkata(MONDAY_2_MARCH, "18:00"));
        assertThat(CLINIC.closingTimesOn(LocalDate.of(2026, 3, 8), KOLKATA)).isEmpty();
        assertThat(CLINIC.closedOn(MONDAY_2_MARCH, "Holi").closingTimesOn(MONDAY_2_MARCH, KOLKATA))
                .isEmpty();
    }

    @Test
    void springForwardDayInBerlinHasAShorterNight() {
        // On 2026-03-29 Berlin's clocks jump from 02:00 CET to 03:00 CEST.
        WeeklyHours nightShift = WeeklyHours.weekly(List.of(SUNDAY), List.of(OpeningTime.of("01:00", "05:00")));
        LocalDate springForward = LocalDate.of(2026, 3, 29);

        assertThat(nightShift.closingTimesOn(springForward, BERLIN))
                .containsExactly(Instant.parse("2026-03-29T03:00:00Z"));
        assertThat(nightShift.isOpen(Instant.parse("2026-03-29T00:00:00Z"), BERLIN))
                .isTrue();
        assertThat(nightShift.isOpen(Instant.parse("2026-03-29T02:59:59Z"), BERLIN))
                .isTrue();
        assertThat(nightShift.isOpen(Instant.parse("2026-03-29T03:00:00Z"), BERLIN))
                .isFalse();
    }

    @Test
    void openingInsideTheSkippedHourOpensWhenTheClocksJump() {
        WeeklyHours hours = WeeklyHours.weekly(List.of(SUNDAY), List.of(OpeningTime.of("02:30", "06:00")));

        assertThat(hours.nextOpening(Instant.parse("2026-03-28T23:00:00Z"), BERLIN))
                .map(ZonedDateTime::toInstant)
                .contains(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(hours.isOpen(Instant.parse("2026-03-29T00:59:59Z"), BERLIN)).isFalse();
        assertThat(hours.isOpen(Instant.parse("2026-03-29T01:00:00Z"), BERLIN)).isTrue();
    }

    @Test
    void nextOpeningAcrossTheSpringForwardWeekendUsesSummerTime() {
        WeeklyHours hours = WeeklyHours.weekly(MONDAY_TO_SATURDAY, List.of(OpeningTime.of("08:00", "16:00")));

        // Saturday 16:00 CET (UTC+1), then Monday 08:00 CEST (UTC+2).
        assertThat(hours.nextOpening(berlin("2026-03-28T16:00"), BERLIN))
                .contains(ZonedDateTime.of(LocalDateTime.parse("2026-03-30T08:00"), BERLIN));
        assertThat(hours.nextOpening(berlin("2026-03-28T16:00"), BERLIN)
                        .orElseThrow()
                        .toInstant())
                .isEqualTo(Instant.parse("2026-03-30T06:00:00Z"));
        assertThat(hours.closingTimesOn(LocalDate.of(2026, 3, 27), BERLIN))
                .containsExactly(Instant.parse("2026-03-27T15:00:00Z"));
    }

    @Test
    void intervalsAreKeptInOrderOfOpening() {
        WeeklyHours hours = new WeeklyHours(
                Map.of(MONDAY, List.of(OpeningTime.of("14:00", "18:00"), OpeningTime.of("09:00", "13:00"))), Map.of());

        assertThat(hours.on(MONDAY))
                .containsExactly(OpeningTime.of("09:00", "13:00"), OpeningTime.of("14:00", "18:00"));
        assertThat(hours.on(TUESDAY)).isEmpty();
    }

    @Test
    void overlappingIntervalsOnOneDayAreRefused() {
        assertThatThrownBy(() -> new WeeklyHours(
                        Map.of(MONDAY, List.of(OpeningTime.of("08:00", "12:00"), OpeningTime.of("11:00", "17:00"))),
                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "MONDAY: opening times 08:00-12:00 and 11:00-17:00 overlap or touch; make them one interval");
    }

    @Test
    void touchingIntervalsAreRefused() {
        assertThatThrownBy(() -> new WeeklyHours(
                        Map.of(FRIDAY, List.of(OpeningTime.of("08:00", "12:00"), OpeningTime.of("12:00", "17:00"))),
                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FRIDAY");
    }

    @Test
    void anIntervalMustCloseAfterItOpens() {
        assertThatThrownBy(() -> OpeningTime.of("12:00", "12:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpeningTime.of("13:00", "09:00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hoursCannotBeChangedAfterwards() {
        assertThatThrownBy(() -> CLINIC.days().put(SUNDAY, List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> CLINIC.on(MONDAY).add(OpeningTime.of("19:00", "20:00")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
