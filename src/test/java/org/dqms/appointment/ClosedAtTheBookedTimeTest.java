package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.dqms.appointment.AppointmentTestData.inKolkata;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.department.OpeningTime;
import org.dqms.department.WeeklyHours;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Appointments at a time the department closed after they were booked (a closed date, shorter
 * hours): no reminder, the pages say so, and once their time has passed dqms cancels them rather
 * than counting them as the patient's no-shows.
 */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class ClosedAtTheBookedTimeTest {

    private static final LocalDate TOMORROW = AppointmentTestData.startDate().plusDays(1);
    private static final LocalDate DAY_AFTER = TOMORROW.plusDays(1);

    @LocalServerPort
    int port;

    @Autowired
    AppointmentTestData data;

    @Autowired
    BookingService bookings;

    @Autowired
    AppointmentReminders reminders;

    @Autowired
    AppointmentNoShowSweep sweep;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        data.clock.reset();
    }

    /** Booked with an SMS reminder, as a patient of a deployment that sends them would be. */
    private Appointment.State book(BookingPlan plan, Instant startsAt) {
        Appointment.State a = bookings.book(AppointmentTestData.ADMIN, plan.id(), startsAt, data.patient())
                .state();
        jdbc.sql("UPDATE dqms.appointment SET notify_channels = ARRAY['SMS'] WHERE id = :id")
                .param("id", a.id())
                .update();
        return a;
    }

    Department department;
    Appointment.State holiday;
    Appointment.State afterHours;
    Appointment.State open;
    List<Long> ours;

    /** Booked on a date then closed, after hours then shortened, and at a time still open. */
    @BeforeEach
    void setUp() {
        department = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        BookingPlan plan = data.plan(department, 15, 2, 0);
        holiday = book(plan, inKolkata(TOMORROW, "12:00"));
        afterHours = book(plan, inKolkata(DAY_AFTER, "17:30"));
        open = book(plan, inKolkata(DAY_AFTER, "12:00"));
        ours = List.of(holiday.id(), afterHours.id(), open.id());
        data.departments.closeOn(AppointmentTestData.ADMIN, department.id(), TOMORROW, "Holiday");
        data.departments.setWeeklyHours(
                AppointmentTestData.ADMIN,
                department.id(),
                WeeklyHours.weekly(List.of(DayOfWeek.values()), List.of(OpeningTime.of("09:00", "17:00"))));
    }

    @Test
    void remindersAndThePagesSayTheDepartmentIsClosedThen() {
        assertThat(reminders.startingBetween(inKolkata(TOMORROW, "00:00"), inKolkata(DAY_AFTER.plusDays(1), "00:00")))
                .filteredOn(due -> ours.contains(due.appointmentId()))
                .extracting(AppointmentReminders.Due::appointmentId, AppointmentReminders.Due::closedThen)
                .containsExactlyInAnyOrder(
                        tuple(open.id(), false), tuple(holiday.id(), true), tuple(afterHours.id(), true));
        assertThat(PageSession.anonymous(port)
                        .get("/a/" + afterHours.publicId())
                        .body())
                .contains("data-closed-then");
        assertThat(PageSession.anonymous(port).get("/a/" + open.publicId()).body())
                .doesNotContain("data-closed-then");
        assertThat(AppointmentTestData.receptionPages(port, accounts, department)
                        .get("/reception/appointments?department=" + department.id() + "&date=" + TOMORROW)
                        .body())
                .contains(holiday.patientName())
                .contains("Department closed at this time");
    }

    @Test
    void onceTheirTimeHasPassedDqmsCancelsThemInsteadOfMarkingThemMissed() {
        data.clock.set(inKolkata(DAY_AFTER.plusDays(1), "00:00"));
        while (sweep.sweep(data.clock.instant()) > 0) {
            // Other tests' appointments may fill a round; go on until nothing is left.
        }

        assertThat(ours.stream().map(id -> bookings.find(id).state().status()))
                .containsExactly(AppointmentStatus.CANCELLED, AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW);
        assertThat(jdbc.sql("SELECT actor || ': ' || reason FROM dqms.appointment_history"
                                + " WHERE appointment_id = :id ORDER BY id DESC LIMIT 1")
                        .param("id", holiday.id())
                        .query(String.class)
                        .single())
                .isEqualTo("system:dqms: cancelled: the department was closed at the booked time");
    }
}
