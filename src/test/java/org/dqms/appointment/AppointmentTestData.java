package org.dqms.appointment;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.department.Department;
import org.dqms.department.DepartmentDetails;
import org.dqms.department.DepartmentPrefix;
import org.dqms.department.DepartmentService;
import org.dqms.department.OpeningTime;
import org.dqms.department.WeeklyHours;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.platform.Actor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.MovableClock;
import org.dqms.testing.PageSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * Departments, doctors and plans for appointment tests, on a movable clock that starts on Tuesday
 * 15 January 2030 at 06:00 UTC (11:30 in Kolkata). Scheduled jobs are off; tests run them.
 */
class AppointmentTestData {

    static final Instant START = Instant.parse("2030-01-15T06:00:00Z");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final Actor ADMIN = Actor.staff("admin-test");

    private static final AtomicInteger SEQUENCE =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(26 * 26 * 26 * 26 / 2));

    final DepartmentService departments;
    final DoctorService doctors;
    final BookingPlanService plans;
    final BookingService bookings;
    final MovableClock clock;

    AppointmentTestData(
            DepartmentService departments,
            DoctorService doctors,
            BookingPlanService plans,
            BookingService bookings,
            MovableClock clock) {
        this.departments = departments;
        this.doctors = doctors;
        this.plans = plans;
        this.bookings = bookings;
        this.clock = clock;
    }

    /** A new patient's appointment at a local time in Kolkata; its id. */
    long book(BookingPlan plan, LocalDate date, String time) {
        return bookings.book(ADMIN, plan.id(), inKolkata(date, time), patient())
                .state()
                .id();
    }

    /** A department in the zone, open every day in the given local intervals ("09:00", "13:00", ...). */
    Department department(ZoneId zone, String... times) {
        String prefix = "A" + letters(SEQUENCE.getAndIncrement());
        Department created = departments.create(
                ADMIN, new DepartmentDetails("Clinic " + prefix, new DepartmentPrefix(prefix), zone, 500, 30));
        List<OpeningTime> intervals = new java.util.ArrayList<>();
        for (int i = 0; i < times.length; i += 2) {
            intervals.add(OpeningTime.of(times[i], times[i + 1]));
        }
        return departments.setHours(ADMIN, created.id(), WeeklyHours.weekly(List.of(DayOfWeek.values()), intervals));
    }

    Doctor doctor(Department department) {
        String tag = letters(SEQUENCE.getAndIncrement());
        Doctor doctor = doctors.create(
                ADMIN, new DoctorDetails("Dr " + tag, "Room " + tag, "General", 15, Set.of(department.id())));
        return doctors.setDutyStatus(ADMIN, doctor.id(), DutyStatus.ON_DUTY);
    }

    BookingPlan plan(Department department, int slotMinutes, int capacity, int walkInShare) {
        return plans.create(department.id(), null, new PlanDetails(slotMinutes, capacity, walkInShare, 30));
    }

    /** The instant of a local time on a local date in the zone. */
    static Instant at(LocalDate date, String time, ZoneId zone) {
        return date.atTime(java.time.LocalTime.parse(time)).atZone(zone).toInstant();
    }

    /** The instant of a local time on a local date in Kolkata, the zone of most appointment tests. */
    static Instant inKolkata(LocalDate date, String time) {
        return at(date, time, KOLKATA);
    }

    static LocalDate startDate() {
        return START.atZone(KOLKATA).toLocalDate();
    }

    /** A new reception account of the department, signed in to the pages. */
    static PageSession receptionPages(int port, AccountService accounts, Department department) {
        String email = "desk-" + java.util.UUID.randomUUID() + "@example.org";
        accounts.createStaff(ADMIN, email, "Desk", Role.RECEPTION, Set.of(department.id()), null, ApiClient.PASSWORD);
        return PageSession.signIn(port, email, ApiClient.PASSWORD);
    }

    BookingService.Booking patient() {
        int n = SEQUENCE.getAndIncrement();
        return new BookingService.Booking(
                "Patient " + letters(n), "+9191" + String.format("%08d", n % 100_000_000), null, null);
    }

    static String letters(int n) {
        char[] letters = new char[4];
        for (int i = 3; i >= 0; i--) {
            letters[i] = (char) ('A' + Math.floorMod(n, 26));
            n /= 26;
        }
        return new String(letters);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {

        @Bean
        @Primary
        MovableClock appointmentClock() {
            return new MovableClock(START);
        }

        @Bean
        ApplicationListener<ApplicationReadyEvent> appointmentJobsOff(ObjectProvider<ScheduledTaskHolder> holders) {
            return event -> holders.forEach(holder -> holder.getScheduledTasks().forEach(ScheduledTask::cancel));
        }

        @Bean
        AppointmentTestData appointmentTestData(
                DepartmentService departments,
                DoctorService doctors,
                BookingPlanService plans,
                BookingService bookings,
                MovableClock clock) {
            return new AppointmentTestData(departments, doctors, plans, bookings, clock);
        }
    }
}
