package org.dqms.testing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
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
import org.springframework.context.ApplicationContext;

/**
 * Departments and doctors for tests outside the queue module, made through the public services of a
 * running application: each department is open all day, every day, with a name and prefix of its own.
 */
public final class Hospital {

    private static final Actor SETUP = Actor.staff("test-setup");
    private static final AtomicInteger SEQUENCE =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(26 * 26 * 26 * 26 / 2));

    private final DepartmentService departments;
    private final DoctorService doctors;

    public Hospital(ApplicationContext context) {
        this.departments = context.getBean(DepartmentService.class);
        this.doctors = context.getBean(DoctorService.class);
    }

    public Department department() {
        return department(ZoneId.of("Asia/Kolkata"));
    }

    /** A department whose days and hours are those of {@code zone}. */
    public Department department(ZoneId zone) {
        String tag = letters(SEQUENCE.getAndIncrement());
        Department created = departments.create(
                SETUP, new DepartmentDetails("Department " + tag, new DepartmentPrefix("Q" + tag), zone, 500, 30));
        return departments.setHours(
                SETUP,
                created.id(),
                WeeklyHours.weekly(List.of(DayOfWeek.values()), List.of(OpeningTime.of("00:00", "23:59"))));
    }

    /** A time zone whose day ends no sooner than in ten minutes, for hours a few seconds ahead. */
    public static ZoneId zoneAwayFromMidnight() {
        Instant later = Instant.now().plus(Duration.ofMinutes(10));
        return Stream.of(ZoneId.of("Asia/Kolkata"), ZoneId.of("America/New_York"))
                .filter(zone -> later.atZone(zone).toLocalDate().equals(LocalDate.now(zone)))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Sets the department's hours so that it closes at {@code closes} and opens again at {@code
     * opens}, moments ahead on its today: open today from midnight to {@code closes} and from {@code
     * opens} to midnight, and closed on the other weekdays.
     */
    public Department closeBetween(Department department, Instant closes, Instant opens) {
        return departments.setHours(
                SETUP,
                department.id(),
                WeeklyHours.weekly(
                        List.of(department.today(opens).getDayOfWeek()),
                        List.of(
                                new OpeningTime(LocalTime.MIDNIGHT, local(department, closes)),
                                new OpeningTime(local(department, opens), OpeningTime.END_OF_DAY))));
    }

    private static LocalTime local(Department department, Instant moment) {
        return moment.atZone(department.timeZone()).toLocalTime();
    }

    /** A doctor on duty in the departments, in a room named after them. */
    public Doctor doctor(Department... served) {
        String tag = letters(SEQUENCE.getAndIncrement());
        Set<Long> ids =
                java.util.Arrays.stream(served).map(Department::id).collect(java.util.stream.Collectors.toSet());
        Doctor doctor = doctors.create(SETUP, new DoctorDetails("Dr " + tag, "R" + tag, "General", 10, ids));
        return doctors.setDutyStatus(SETUP, doctor.id(), DutyStatus.ON_DUTY);
    }

    private static String letters(int n) {
        char[] letters = new char[4];
        for (int i = 3; i >= 0; i--) {
            letters[i] = (char) ('A' + Math.floorMod(n, 26));
            n /= 26;
        }
        return new String(letters);
    }
}
