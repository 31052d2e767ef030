package org.dqms.appointment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.springframework.stereotype.Component;

/**
 * The day picker and slot radios that the booking page and the manage page share: dates and times
 * in the department's own time zone, so a patient sees the hospital's clock whatever their phone says.
 */
@Component
class SlotChoices {

    /** Days offered at most, however far the plan's horizon reaches: a phone screen of buttons. */
    static final int MAX_DAYS = 14;

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** A day button; {@code href} reloads the page for it. */
    record Day(LocalDate date, String label, String href, boolean chosen) {}

    /** A slot radio; {@code value} is the instant the form posts. */
    record Choice(String value, String time, int free, boolean full, boolean current) {}

    private final BookingService bookings;
    private final DepartmentService departments;
    private final Clock clock;

    SlotChoices(BookingService bookings, DepartmentService departments, Clock clock) {
        this.bookings = bookings;
        this.departments = departments;
        this.clock = clock;
    }

    /** The department's today, or the chosen date when it lies within the plan's horizon. */
    LocalDate dateOrToday(BookingPlan plan, LocalDate chosen) {
        LocalDate today = today(plan);
        if (chosen == null || chosen.isBefore(today) || !chosen.isBefore(today.plusDays(days(plan)))) {
            return today;
        }
        return chosen;
    }

    /**
     * The first day within the horizon with a slot a patient can still book, else today: late in
     * the evening, or with today full, the page opens where there is something to choose.
     */
    LocalDate firstBookableDay(BookingPlan plan) {
        LocalDate today = today(plan);
        return Stream.iterate(today, d -> d.plusDays(1))
                .limit(days(plan))
                .filter(d -> slots(plan, d, null).stream().anyMatch(c -> !c.full()))
                .findFirst()
                .orElse(today);
    }

    LocalDate today(BookingPlan plan) {
        return departments.get(plan.departmentId()).today(clock.instant());
    }

    List<Day> days(BookingPlan plan, LocalDate chosen, Locale locale, Function<LocalDate, String> href) {
        DateTimeFormatter label = DateTimeFormatter.ofPattern("EEE d MMM", locale);
        return Stream.iterate(today(plan), d -> d.plusDays(1))
                .limit(days(plan))
                .map(d -> new Day(d, label.format(d), href.apply(d), d.equals(chosen)))
                .toList();
    }

    /** The slots still ahead on the date; walk-in slots are never offered, full ones show disabled. */
    List<Choice> slots(BookingPlan plan, LocalDate date, Instant current) {
        ZoneId zone = departments.get(plan.departmentId()).timeZone();
        Instant now = clock.instant();
        return bookings.slots(plan.id(), date).stream()
                .filter(s -> !s.forWalkIns() && s.startsAt().isAfter(now))
                .map(s -> {
                    boolean mine = s.startsAt().equals(current);
                    return new Choice(
                            s.startsAt().toString(),
                            TIME.format(s.startsAt().atZone(zone)),
                            s.free(),
                            mine || s.free() == 0,
                            mine);
                })
                .toList();
    }

    Department department(BookingPlan plan) {
        return departments.get(plan.departmentId());
    }

    private static int days(BookingPlan plan) {
        return Math.min(plan.horizonDays(), MAX_DAYS);
    }
}
