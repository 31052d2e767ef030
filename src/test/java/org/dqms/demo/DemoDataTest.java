package org.dqms.demo;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dqms.database.DatabaseMode;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.department.OpeningTime;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.platform.Deployment;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The demo data of a development server's first start; in a context of its own, so nothing else has run. */
@IntegrationTest
@TestPropertySource(properties = "dqms.test.context=demo-data")
class DemoDataTest {

    private static final List<OpeningTime> CLINIC =
            List.of(OpeningTime.of("09:00", "13:00"), OpeningTime.of("14:00", "18:00"));

    @Autowired
    DemoData demoData;

    @Autowired
    DepartmentService departments;

    @Autowired
    DoctorService doctors;

    private Map<String, Department> byPrefix() {
        return departments.all().stream()
                .collect(Collectors.toMap(d -> d.prefix().value(), Function.identity()));
    }

    private Set<Doctor> allDoctors() {
        return departments.all().stream()
                .flatMap(d -> doctors.inDepartment(d.id()).stream())
                .collect(Collectors.toSet());
    }

    @Test
    void fourDepartmentsInKolkataWithTheirHours() {
        Map<String, Department> departments = byPrefix();

        assertThat(departments).containsOnlyKeys("OPD", "CARD", "LAB", "PHAR");
        assertThat(departments.get("OPD").name()).isEqualTo("General OPD");
        assertThat(departments.get("CARD").name()).isEqualTo("Cardiology");
        assertThat(departments.get("LAB").name()).isEqualTo("Laboratory");
        assertThat(departments.get("PHAR").name()).isEqualTo("Pharmacy");
        assertThat(departments.values()).allSatisfy(d -> {
            assertThat(d.timeZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
            assertThat(d.dailyCapacity()).isEqualTo(200);
            assertThat(d.targetWaitMinutes()).isEqualTo(30);
            assertThat(d.hours().on(SUNDAY)).isEmpty();
        });
        assertThat(departments.get("OPD").hours().on(MONDAY)).isEqualTo(CLINIC);
        assertThat(departments.get("CARD").hours().on(SATURDAY)).isEqualTo(CLINIC);
        assertThat(departments.get("LAB").hours().days()).hasSize(6);
        assertThat(departments.get("PHAR").hours().on(MONDAY)).containsExactly(OpeningTime.of("08:00", "20:00"));
    }

    @Test
    void fiveDoctorsMostOnDutyAndOneSharedBetweenTwoDepartments() {
        Set<Doctor> all = allDoctors();
        Map<String, Department> departments = byPrefix();

        assertThat(all).hasSize(5);
        assertThat(all).allSatisfy(d -> assertThat(d.room()).isNotBlank());
        assertThat(all).filteredOn(d -> d.dutyStatus() == DutyStatus.ON_DUTY).hasSize(4);
        assertThat(all)
                .filteredOn(d -> d.departmentIds().size() == 2)
                .singleElement()
                .satisfies(d -> assertThat(d.departmentIds())
                        .containsExactlyInAnyOrder(
                                departments.get("OPD").id(),
                                departments.get("CARD").id()));
        // Two doctors of its own and half of the shared one.
        assertThat(doctors.doctorsOnDuty(departments.get("OPD").id())).isCloseTo(2.5, within(1e-9));
        assertThat(doctors.doctorsOnDuty(departments.get("CARD").id())).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void seedingAgainAddsNothing() {
        int departmentsBefore = departments.all().size();
        int doctorsBefore = allDoctors().size();

        assertThat(demoData.seedIfWanted()).isFalse();

        assertThat(departments.all()).hasSize(departmentsBefore);
        assertThat(allDoctors()).hasSize(doctorsBefore);
    }

    @Test
    void onlyADevelopmentServerOnTheEmbeddedDatabaseGetsDemoData() {
        Path data = Path.of("data");
        Deployment development = new Deployment(false, false, data);

        assertThat(DemoData.allowed(new DatabaseMode(true), development)).isTrue();
        assertThat(DemoData.allowed(new DatabaseMode(false), development)).isFalse();
        assertThat(DemoData.allowed(new DatabaseMode(true), new Deployment(true, false, data)))
                .isFalse();
        assertThat(DemoData.allowed(new DatabaseMode(true), new Deployment(false, true, data)))
                .isFalse();
    }
}
