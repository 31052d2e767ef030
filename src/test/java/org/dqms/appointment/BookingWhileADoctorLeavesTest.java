package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.platform.ConflictException;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A booking on a doctor's plan and the edit that takes the plan's department from the doctor meet
 * in one order or the other, never in between: a booking in flight holds the edit back and stands
 * as booked before it; a booking that comes while the edit is in flight waits for it and is refused.
 */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class BookingWhileADoctorLeavesTest {

    @Autowired
    AppointmentTestData data;

    @Autowired
    BookingService bookings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private HeldTransactions held;
    private Department department;
    private Department elsewhere;
    private Doctor leaving;
    private BookingPlan theirs;

    @BeforeEach
    void setUp() {
        held = new HeldTransactions(transactions);
        department = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        elsewhere = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        leaving = data.doctors.create(AppointmentTestData.ADMIN, details(department, elsewhere));
        theirs = data.plans.create(department.id(), leaving.id(), new PlanDetails(15, 4, 0, 30));
    }

    @AfterEach
    void release() throws Exception {
        held.close();
        data.clock.reset();
    }

    @Test
    void aBookingInFlightHoldsTheMoveBackAndStands() throws Exception {
        Appointment booked = held.holdToCommit(() -> book("15:00"));

        Future<Doctor> moved = held.submit(() -> move(elsewhere));

        assertThatThrownBy(() -> moved.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        held.release();
        assertThat(moved.get(10, TimeUnit.SECONDS).departmentIds()).containsExactly(elsewhere.id());
        assertThat(bookings.find(booked.state().id()).state().status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(appointmentsOnTheirPlan()).isEqualTo(1);
    }

    @Test
    void aBookingWhileTheDoctorLeavesWaitsAndIsRefused() throws Exception {
        held.holdToCommit(() -> move(elsewhere));

        Future<Appointment> booked = held.submit(() -> book("15:00"));

        assertThatThrownBy(() -> booked.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        held.release();
        assertThatThrownBy(() -> booked.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ConflictException.class)
                .cause()
                .hasMessage(leaving.name() + " no longer sees patients in " + department.name()
                        + "; book with the department or another of its doctors.");
        assertThat(appointmentsOnTheirPlan()).isZero();
    }

    private Appointment book(String time) {
        Instant startsAt = AppointmentTestData.at(AppointmentTestData.startDate(), time, AppointmentTestData.KOLKATA);
        return bookings.book(AppointmentTestData.ADMIN, theirs.id(), startsAt, data.patient());
    }

    private Doctor move(Department to) {
        return data.doctors.update(AppointmentTestData.ADMIN, leaving.id(), details(to));
    }

    private long appointmentsOnTheirPlan() {
        return jdbc.sql("SELECT count(*) FROM dqms.appointment WHERE plan_id = :plan")
                .param("plan", theirs.id())
                .query(Long.class)
                .single();
    }

    private DoctorDetails details(Department... departments) {
        Set<Long> ids =
                java.util.Arrays.stream(departments).map(Department::id).collect(java.util.stream.Collectors.toSet());
        return new DoctorDetails("Dr Moved " + department.id(), "Room L", "General", 15, ids);
    }
}
