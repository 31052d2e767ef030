package org.dqms.demo;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dqms.database.DatabaseMode;
import org.dqms.department.Department;
import org.dqms.department.DepartmentDetails;
import org.dqms.department.DepartmentPrefix;
import org.dqms.department.DepartmentService;
import org.dqms.department.OpeningTime;
import org.dqms.department.WeeklyHours;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.platform.Actor;
import org.dqms.platform.Deployment;
import org.dqms.platform.ServerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Departments and doctors to try dqms with, created on the first start of a development server on
 * the embedded database, so that {@code ./mvnw spring-boot:run} shows a working queue at once.
 * Never in production, never on an external database (which may be a real hospital's), and never
 * once any department exists, so that deleting the demo data keeps it deleted.
 */
@Component
@ServerOnly
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    private static final List<DayOfWeek> MONDAY_TO_SATURDAY =
            List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY);
    private static final WeeklyHours CLINIC_HOURS = WeeklyHours.weekly(
            MONDAY_TO_SATURDAY, List.of(OpeningTime.of("09:00", "13:00"), OpeningTime.of("14:00", "18:00")));
    private static final WeeklyHours PHARMACY_HOURS =
            WeeklyHours.weekly(MONDAY_TO_SATURDAY, List.of(OpeningTime.of("08:00", "20:00")));

    private final DatabaseMode databaseMode;
    private final Deployment deployment;
    private final DepartmentService departments;
    private final DoctorService doctors;

    DemoData(DatabaseMode databaseMode, Deployment deployment, DepartmentService departments, DoctorService doctors) {
        this.databaseMode = databaseMode;
        this.deployment = deployment;
        this.departments = departments;
        this.doctors = doctors;
    }

    /** Only a development server on the embedded database gets demo data. */
    static boolean allowed(DatabaseMode databaseMode, Deployment deployment) {
        return databaseMode.embedded() && !deployment.production() && !deployment.commandMode();
    }

    // Transactional here as well: the call below does not pass through the proxy.
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    void onReady() {
        seedIfWanted();
    }

    /** Creates the demo data, all or nothing, if allowed and no department exists; true if it did. */
    @Transactional
    boolean seedIfWanted() {
        if (!allowed(databaseMode, deployment) || !departments.all().isEmpty()) {
            return false;
        }
        Actor actor = Actor.SYSTEM;
        Department opd = department(actor, "General OPD", "OPD", CLINIC_HOURS);
        Department cardiology = department(actor, "Cardiology", "CARD", CLINIC_HOURS);
        Department laboratory = department(actor, "Laboratory", "LAB", CLINIC_HOURS);
        department(actor, "Pharmacy", "PHAR", PHARMACY_HOURS);

        doctor(actor, "Dr. Ananya Rao", "Room 1", "General Medicine", 10, DutyStatus.ON_DUTY, opd);
        doctor(actor, "Dr. Vikram Mehta", "Room 2", "General Medicine", 10, DutyStatus.ON_DUTY, opd);
        doctor(actor, "Dr. Priya Nair", "Room 4", "Cardiology", 20, DutyStatus.ON_DUTY, cardiology, opd);
        doctor(actor, "Dr. Rahul Iyer", "Room 5", "Cardiology", 20, DutyStatus.ON_BREAK, cardiology);
        doctor(actor, "Dr. Meera Kulkarni", "Lab 1", "Pathology", 5, DutyStatus.ON_DUTY, laboratory);

        log.info("Demo data: 4 departments and 5 doctors created (development only)");
        return true;
    }

    private Department department(Actor actor, String name, String prefix, WeeklyHours hours) {
        Department department =
                departments.create(actor, new DepartmentDetails(name, new DepartmentPrefix(prefix), ZONE, 200, 30));
        return departments.setHours(actor, department.id(), hours);
    }

    private void doctor(
            Actor actor,
            String name,
            String room,
            String specialization,
            int consultationMinutes,
            DutyStatus status,
            Department... serves) {
        Set<Long> departmentIds = Arrays.stream(serves).map(Department::id).collect(Collectors.toSet());
        long id = doctors.create(
                        actor, new DoctorDetails(name, room, specialization, consultationMinutes, departmentIds))
                .id();
        doctors.setDutyStatus(actor, id, status);
    }
}
