package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

/** "Previous no-shows" counts the appointments a phone missed before the one shown, not after it. */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class PreviousNoShowsTest {

    private static final LocalDate TODAY = AppointmentTestData.startDate();

    @Autowired
    AppointmentTestData data;

    @Autowired
    BookingService bookings;

    @Autowired
    AppointmentRepository appointments;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void eachDayCountsOnlyTheMissesBeforeIt() {
        Department department = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        BookingPlan plan = data.plan(department, 15, 2, 0);
        BookingService.Booking patient = data.patient();
        List<LocalDate> days = List.of(TODAY.plusDays(1), TODAY.plusDays(2), TODAY.plusDays(3));
        List<Long> ids = days.stream()
                .map(day -> bookings.book(AppointmentTestData.ADMIN, plan.id(), noon(day), patient)
                        .state()
                        .id())
                .toList();
        missed(ids.get(0));
        missed(ids.get(1));

        assertThat(days.stream().map(day -> noShows(department, day))).containsExactly(0, 1, 2);
    }

    private static Instant noon(LocalDate day) {
        return AppointmentTestData.inKolkata(day, "12:00");
    }

    private void missed(long id) {
        transaction.executeWithoutResult(status -> {
            Appointment appointment = appointments.lock(id).orElseThrow();
            appointment.markNoShow(Instant.now());
            assertThat(appointments.save(appointment)).isTrue();
        });
    }

    private int noShows(Department department, LocalDate day) {
        return appointments
                .ofDay(department.id(), null, noon(day), noon(day).plusSeconds(1))
                .get(0)
                .noShows();
    }
}
