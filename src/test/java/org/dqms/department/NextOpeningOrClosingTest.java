package org.dqms.department;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a department next opens or closes: the moment live screens switch their Closed notice. */
class NextOpeningOrClosingTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    // 2026-03-02 is a Monday.
    private static final LocalDate MONDAY_2_MARCH = LocalDate.of(2026, 3, 2);

    private static final WeeklyHours CLINIC = WeeklyHours.weekly(
            List.of(DayOfWeek.values()), List.of(OpeningTime.of("09:00", "13:00"), OpeningTime.of("14:00", "18:00")));

    private static final WeeklyHours AROUND_THE_CLOCK =
            WeeklyHours.weekly(List.of(DayOfWeek.values()), List.of(OpeningTime.of("00:00", "23:59")));

    private static Instant kolkata(LocalDate date, String time) {
        return LocalDateTime.of(date, LocalTime.parse(time)).atZone(KOLKATA).toInstant();
    }

    private static Optional<Instant> next(WeeklyHours hours, LocalDate date, String time) {
        return hours.nextOpeningOrClosing(kolkata(date, time), KOLKATA);
    }

    @Test
    void whileOpenItIsTheClosingOfTheIntervalAndWhileClosedTheNextOpening() {
        assertThat(next(CLINIC, MONDAY_2_MARCH, "09:00")).contains(kolkata(MONDAY_2_MARCH, "13:00"));
        assertThat(next(CLINIC, MONDAY_2_MARCH, "13:00")).contains(kolkata(MONDAY_2_MARCH, "14:00"));
        assertThat(next(CLINIC, MONDAY_2_MARCH, "17:59:59")).contains(kolkata(MONDAY_2_MARCH, "18:00"));
        assertThat(next(CLINIC, MONDAY_2_MARCH, "18:00")).contains(kolkata(MONDAY_2_MARCH.plusDays(1), "09:00"));
    }

    @Test
    void aClosedDateIsSkippedUntilTheDayAfter() {
        WeeklyHours hours = CLINIC.closedOn(MONDAY_2_MARCH.plusDays(1), "Holiday");

        assertThat(next(hours, MONDAY_2_MARCH, "18:30")).contains(kolkata(MONDAY_2_MARCH.plusDays(2), "09:00"));
    }

    /** ADR 23: an evening that runs into the next morning closes at the end of the morning. */
    @Test
    void anIntervalIntoMidnightRunsOnIntoTheNextDaysFirst() {
        WeeklyHours nights = new WeeklyHours(
                Map.of(
                        MONDAY, List.of(OpeningTime.of("20:00", "23:59")),
                        TUESDAY, List.of(OpeningTime.of("00:00", "06:00"))),
                Map.of());

        assertThat(next(nights, MONDAY_2_MARCH, "21:00")).contains(kolkata(MONDAY_2_MARCH.plusDays(1), "06:00"));
    }

    @Test
    void aClosedDateEndsARunAroundTheClockAtMidnight() {
        WeeklyHours hours = AROUND_THE_CLOCK.closedOn(MONDAY_2_MARCH.plusDays(1), "Audit");

        assertThat(next(hours, MONDAY_2_MARCH, "12:00"))
                .contains(MONDAY_2_MARCH.plusDays(1).atStartOfDay(KOLKATA).toInstant());
        assertThat(next(hours, MONDAY_2_MARCH.plusDays(1), "00:00"))
                .contains(MONDAY_2_MARCH.plusDays(2).atStartOfDay(KOLKATA).toInstant());
    }

    @Test
    void aDepartmentOpenAroundTheClockOrNeverOpenDoesNotChange() {
        assertThat(next(AROUND_THE_CLOCK, MONDAY_2_MARCH, "12:00")).isEmpty();
        assertThat(next(WeeklyHours.none(), MONDAY_2_MARCH, "12:00")).isEmpty();
    }

    /** On 2026-03-29 Berlin skips 02:00-03:00: a closing at 02:30 is the 03:00 opening. */
    @Test
    void intervalsThatTouchInTheSkippedHourAreOneRun() {
        WeeklyHours hours = WeeklyHours.weekly(
                List.of(SUNDAY), List.of(OpeningTime.of("01:00", "02:30"), OpeningTime.of("03:00", "05:00")));

        assertThat(hours.nextOpeningOrClosing(Instant.parse("2026-03-29T00:30:00Z"), BERLIN))
                .contains(Instant.parse("2026-03-29T03:00:00Z"));
    }
}
