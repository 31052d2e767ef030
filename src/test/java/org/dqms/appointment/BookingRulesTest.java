package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.platform.ConflictException;
import org.dqms.platform.UnprocessableException;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** Booking, reschedule and cancel rules, the cut-off, and missed appointments, on the real database. */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class BookingRulesTest {

    private static final LocalDate TODAY = AppointmentTestData.startDate();

    @Autowired
    AppointmentTestData data;

    @Autowired
    BookingService bookings;

    @Autowired
    AppointmentNoShowSweep sweep;

    @Autowired
    AppointmentRepository appointments;

    @Autowired
    AppointmentSettings settings;

    @Autowired
    BookingPlanService plans;

    Department department;
    BookingPlan plan;

    @BeforeEach
    void setUp() {
        department = data.department(AppointmentTestData.KOLKATA, "09:00", "13:00", "14:00", "18:00");
        plan = data.plan(department, 15, 2, 50);
    }

    @AfterEach
    void resetClock() {
        data.clock.reset();
    }

    private Instant local(String time) {
        return AppointmentTestData.at(TODAY, time, AppointmentTestData.KOLKATA);
    }

    private Appointment book(String time) {
        return bookings.book(AppointmentTestData.ADMIN, plan.id(), local(time), data.patient());
    }

    @Test
    void slotsFollowTheOpeningHoursAndKeepTheWalkInShare() {
        List<Slot> slots = bookings.slots(plan.id(), TODAY);
        // 09:00-13:00 and 14:00-18:00 in 15-minute slots: 32, of which half are kept for walk-ins.
        assertThat(slots).hasSize(32);
        assertThat(slots).filteredOn(Slot::forWalkIns).hasSize(16);
        assertThat(slots.get(0).startsAt()).isEqualTo(local("09:00"));
        assertThat(slots).noneMatch(s -> s.startsAt().equals(local("13:00")));
        for (int hour = 9; hour < 18; hour++) {
            if (hour == 13) {
                continue;
            }
            Instant from = local("%02d:00".formatted(hour));
            Instant until = from.plus(Duration.ofHours(1));
            assertThat(slots.stream()
                            .filter(s ->
                                    !s.startsAt().isBefore(from) && s.startsAt().isBefore(until))
                            .filter(s -> !s.forWalkIns())
                            .count())
                    .as("bookable slots in hour %d", hour)
                    .isEqualTo(2);
        }
    }

    @Test
    void aTimeOutsideTheHoursIsRefusedWith422AndSoIsAWalkInSlot() {
        assertThatThrownBy(() -> book("13:15"))
                .isInstanceOfSatisfying(
                        UnprocessableException.class,
                        e -> assertThat(e.properties()).containsEntry("reason", "outside-hours"));
        assertThatThrownBy(() -> book("09:07"))
                .isInstanceOfSatisfying(
                        UnprocessableException.class,
                        e -> assertThat(e.properties()).containsEntry("reason", "outside-hours"));
        Slot walkIn = bookings.slots(plan.id(), TODAY).stream()
                .filter(Slot::forWalkIns)
                .filter(s -> s.startsAt().isAfter(data.clock.instant()))
                .findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> bookings.book(AppointmentTestData.ADMIN, plan.id(), walkIn.startsAt(), data.patient()))
                .isInstanceOfSatisfying(
                        UnprocessableException.class,
                        e -> assertThat(e.properties()).containsEntry("reason", "walk-in-slot"));
    }

    @Test
    void thePastAndDaysBeyondTheHorizonAreRefused() {
        assertThatThrownBy(() -> book("09:15"))
                .isInstanceOfSatisfying(
                        UnprocessableException.class,
                        e -> assertThat(e.properties()).containsEntry("reason", "past"));
        Instant beyond = AppointmentTestData.at(TODAY.plusDays(30), "09:15", AppointmentTestData.KOLKATA);
        assertThatThrownBy(() -> bookings.book(AppointmentTestData.ADMIN, plan.id(), beyond, data.patient()))
                .isInstanceOfSatisfying(
                        UnprocessableException.class,
                        e -> assertThat(e.properties()).containsEntry("reason", "beyond-horizon"));
        Instant last = AppointmentTestData.at(TODAY.plusDays(29), "09:15", AppointmentTestData.KOLKATA);
        assertThat(bookings.book(AppointmentTestData.ADMIN, plan.id(), last, data.patient())
                        .state()
                        .status())
                .isEqualTo(AppointmentStatus.BOOKED);
    }

    @Test
    void rescheduleAndCancelWorkUntilTheCutOffAndTheHistoryKeepsEveryChange() {
        Appointment appointment = book("15:15");
        // Two hours' cut-off: 15:15 may change until 13:15 (exclusive).
        data.clock.set(local("13:14"));
        Appointment moved = bookings.reschedule(
                AppointmentTestData.ADMIN, appointment.state().publicId(), local("16:15"));
        assertThat(moved.state().startsAt()).isEqualTo(local("16:15"));
        assertThat(bookings.slots(plan.id(), TODAY).stream()
                        .filter(s -> s.startsAt().equals(local("15:15")))
                        .findFirst()
                        .orElseThrow()
                        .booked())
                .isZero();

        data.clock.set(local("14:15"));
        assertThatThrownBy(() -> bookings.cancel(
                        AppointmentTestData.ADMIN, appointment.state().publicId(), null))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.properties()).containsEntry("reason", "past-cutoff"));
        data.clock.set(local("14:14"));
        Appointment cancelled =
                bookings.cancel(AppointmentTestData.ADMIN, appointment.state().id(), "patient called");
        assertThat(cancelled.state().status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(bookings.slots(plan.id(), TODAY).stream()
                        .filter(s -> s.startsAt().equals(local("16:15")))
                        .findFirst()
                        .orElseThrow()
                        .booked())
                .isZero();

        assertThat(appointments.historyOf(appointment.state().id()))
                .extracting(Appointment.Change::reason)
                .containsExactly("booked", "rescheduled", "patient called");
        assertThat(appointments.historyOf(appointment.state().id()).get(1).fromStartsAt())
                .isEqualTo(local("15:15"));
    }

    @Test
    void aFullSlotRefusesARescheduleIntoIt() {
        book("16:45");
        book("16:45");
        Appointment other = book("17:15");
        assertThatThrownBy(() -> bookings.reschedule(
                        AppointmentTestData.ADMIN, other.state().id(), local("16:45")))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.properties()).containsEntry("reason", "slot-full"));
        assertThat(bookings.find(other.state().id()).state().startsAt()).isEqualTo(local("17:15"));
    }

    /** The plan's capacity as it is now decides, for slots already booked too. */
    @Test
    void aChangedCapacityCountsForSlotsAlreadyBooked() {
        Department clinic = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        BookingPlan single = data.plan(clinic, 15, 1, 0);
        Instant slot = local("15:00");
        bookings.book(AppointmentTestData.ADMIN, single.id(), slot, data.patient());
        assertThatThrownBy(() -> bookings.book(AppointmentTestData.ADMIN, single.id(), slot, data.patient()))
                .isInstanceOf(ConflictException.class);

        plans.update(single.id(), new PlanDetails(15, 3, 0, 30));
        bookings.book(AppointmentTestData.ADMIN, single.id(), slot, data.patient());
        bookings.book(AppointmentTestData.ADMIN, single.id(), slot, data.patient());
        assertThatThrownBy(() -> bookings.book(AppointmentTestData.ADMIN, single.id(), slot, data.patient()))
                .isInstanceOf(ConflictException.class);

        plans.update(single.id(), new PlanDetails(15, 1, 0, 30));
        Instant other = local("15:15");
        bookings.book(AppointmentTestData.ADMIN, single.id(), other, data.patient());
        plans.update(single.id(), new PlanDetails(15, 2, 0, 30));
        bookings.book(AppointmentTestData.ADMIN, single.id(), other, data.patient());
        plans.update(single.id(), new PlanDetails(15, 1, 0, 30));
        assertThatThrownBy(() -> bookings.book(AppointmentTestData.ADMIN, single.id(), slot, data.patient()))
                .as("three booked, now one place")
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void anAppointmentNotCheckedInByTheEndOfItsWindowIsMissedAndCountsForItsPhone() {
        BookingService.Booking patient = data.patient();
        Appointment first = bookings.book(AppointmentTestData.ADMIN, plan.id(), local("12:15"), patient);
        Appointment later = book("12:45");

        data.clock.set(local("12:15").plus(settings.lateWindow()));
        assertThat(sweep.sweep(data.clock.instant())).isZero();
        data.clock.set(local("12:15").plus(settings.lateWindow()).plusSeconds(1));
        assertThat(sweep.sweep(data.clock.instant())).isEqualTo(1);

        assertThat(bookings.find(first.state().id()).state().status()).isEqualTo(AppointmentStatus.NO_SHOW);
        assertThat(bookings.find(later.state().id()).state().status()).isEqualTo(AppointmentStatus.BOOKED);

        Appointment again = bookings.book(AppointmentTestData.ADMIN, plan.id(), local("17:45"), patient);
        assertThat(appointments.ofDay(department.id(), null, local("09:00"), local("18:00")))
                .filteredOn(d -> d.appointment().id() == again.state().id())
                .singleElement()
                .extracting(AppointmentRepository.OfDay::noShows)
                .isEqualTo(1);
    }
}
