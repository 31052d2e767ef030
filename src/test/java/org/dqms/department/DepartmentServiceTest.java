package org.dqms.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class DepartmentServiceTest {

    private static final long UNKNOWN = Long.MAX_VALUE;

    private static final WeeklyHours CLINIC = new WeeklyHours(
            Map.of(
                    DayOfWeek.MONDAY,
                    List.of(OpeningTime.of("09:00", "13:00"), OpeningTime.of("14:00", "18:00")),
                    DayOfWeek.SATURDAY,
                    List.of(OpeningTime.of("09:00", "12:30"))),
            Map.of(LocalDate.of(2031, 12, 25), "Christmas"));

    @Autowired
    DepartmentService departments;

    @Autowired
    DoctorService doctors;

    @Autowired
    JdbcClient jdbc;

    private final List<Long> createdDepartments = new ArrayList<>();
    private final List<Long> createdDoctors = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        if (!createdDepartments.isEmpty()) {
            jdbc.sql("DELETE FROM dqms.token WHERE department_id IN (:ids)")
                    .param("ids", createdDepartments)
                    .update();
        }
        if (!createdDoctors.isEmpty()) {
            jdbc.sql("DELETE FROM dqms.doctor WHERE id IN (:ids)")
                    .param("ids", createdDoctors)
                    .update();
        }
        if (!createdDepartments.isEmpty()) {
            jdbc.sql("DELETE FROM dqms.department WHERE id IN (:ids)")
                    .param("ids", createdDepartments)
                    .update();
        }
    }

    private Department create(String what) {
        Department department = TestDepartments.create(departments, what);
        createdDepartments.add(department.id());
        return department;
    }

    private Doctor doctorIn(Department... serves) {
        Set<Long> ids = Arrays.stream(serves).map(Department::id).collect(Collectors.toSet());
        Doctor doctor = doctors.create(TestDepartments.ADMIN, new DoctorDetails("Dr. Test", "Room 9", "", 10, ids));
        createdDoctors.add(doctor.id());
        return doctor;
    }

    @Test
    void createdDepartmentKeepsItsDetailsAndIsClosedUntilItHasHours() {
        DepartmentDetails details = new DepartmentDetails(
                TestDepartments.uniqueName("Radiology"),
                new DepartmentPrefix(TestDepartments.uniquePrefix()),
                ZoneId.of("Europe/Berlin"),
                150,
                45);

        Department created = departments.create(TestDepartments.ADMIN, details);
        createdDepartments.add(created.id());

        Department read = departments.get(created.id());
        assertThat(read).isEqualTo(created);
        assertThat(read.name()).isEqualTo(details.name());
        assertThat(read.prefix()).isEqualTo(details.prefix());
        assertThat(read.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(read.dailyCapacity()).isEqualTo(150);
        assertThat(read.targetWaitMinutes()).isEqualTo(45);
        assertThat(read.hours()).isEqualTo(WeeklyHours.none());
        assertThat(departments.find(created.id())).contains(read);
    }

    @Test
    void hoursAndClosedDatesAreStoredAsGiven() {
        Department department = create("Dermatology");

        Department withHours = departments.setHours(TestDepartments.ADMIN, department.id(), CLINIC);

        assertThat(withHours.hours()).isEqualTo(CLINIC);
        assertThat(departments.get(department.id()).hours()).isEqualTo(CLINIC);
        // 2026-03-02 is a Monday; 04:00 UTC is 09:30 in Kolkata.
        assertThat(departments.get(department.id()).isOpen(Instant.parse("2026-03-02T04:00:00Z")))
                .isTrue();
    }

    @Test
    void settingHoursReplacesTheOldOnes() {
        Department department = create("Orthopaedics");
        departments.setHours(TestDepartments.ADMIN, department.id(), CLINIC);
        WeeklyHours tuesdays =
                WeeklyHours.weekly(List.of(DayOfWeek.TUESDAY), List.of(OpeningTime.of("10:00", "11:00")));

        departments.setHours(TestDepartments.ADMIN, department.id(), tuesdays);

        assertThat(departments.get(department.id()).hours()).isEqualTo(tuesdays);
    }

    @Test
    void closingOnADateAndReopeningIt() {
        Department department = create("Paediatrics");
        departments.setHours(TestDepartments.ADMIN, department.id(), CLINIC);
        LocalDate diwali = LocalDate.of(2031, 10, 21);

        departments.closeOn(TestDepartments.ADMIN, department.id(), diwali, " Diwali ");
        assertThat(departments.get(department.id()).hours().closedDates())
                .containsEntry(diwali, "Diwali")
                .containsEntry(LocalDate.of(2031, 12, 25), "Christmas");

        departments.reopenOn(TestDepartments.ADMIN, department.id(), diwali);
        assertThat(departments.get(department.id()).hours().closedDates()).doesNotContainKey(diwali);
    }

    @Test
    void aTakenPrefixIsAConflict() {
        Department existing = create("Neurology");
        DepartmentDetails samePrefix = new DepartmentDetails(
                TestDepartments.uniqueName("Nephrology"), existing.prefix(), ZoneId.of("Asia/Kolkata"), 10, 10);

        assertThatThrownBy(() -> departments.create(TestDepartments.ADMIN, samePrefix))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.properties()).containsEntry("field", "prefix"));
        assertThat(departments.all()).extracting(Department::name).doesNotContain(samePrefix.name());
    }

    @Test
    void aTakenNameIsAConflict() {
        Department existing = create("Oncology");
        DepartmentDetails sameName = TestDepartments.details(existing.name());

        assertThatThrownBy(() -> departments.create(TestDepartments.ADMIN, sameName))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.properties()).containsEntry("field", "name"));
    }

    @Test
    void updateChangesTheDetailsAndKeepsTheHours() {
        Department department = create("ENT");
        departments.setHours(TestDepartments.ADMIN, department.id(), CLINIC);
        DepartmentDetails changed = new DepartmentDetails(
                TestDepartments.uniqueName("Ear, Nose and Throat"),
                new DepartmentPrefix(TestDepartments.uniquePrefix()),
                ZoneId.of("Asia/Dubai"),
                80,
                25);

        departments.update(TestDepartments.ADMIN, department.id(), changed);

        assertThat(departments.get(department.id()))
                .isEqualTo(new Department(
                        department.id(), changed.name(), changed.prefix(), changed.timeZone(), 80, 25, CLINIC));
    }

    @Test
    void updateToAnotherDepartmentsPrefixIsAConflict() {
        Department first = create("Urology");
        Department second = create("Gastroenterology");
        DepartmentDetails clash = new DepartmentDetails(second.name(), first.prefix(), second.timeZone(), 10, 10);

        assertThatThrownBy(() -> departments.update(TestDepartments.ADMIN, second.id(), clash))
                .isInstanceOf(ConflictException.class);
        assertThat(departments.get(second.id()).prefix()).isEqualTo(second.prefix());
    }

    @Test
    void anUnknownDepartmentIsNotFound() {
        assertThat(departments.find(UNKNOWN)).isEmpty();
        assertThatThrownBy(() -> departments.get(UNKNOWN))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Department " + UNKNOWN + " does not exist");
        assertThatThrownBy(() -> departments.update(TestDepartments.ADMIN, UNKNOWN, TestDepartments.details("X")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> departments.delete(TestDepartments.ADMIN, UNKNOWN))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> departments.setHours(TestDepartments.ADMIN, UNKNOWN, CLINIC))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteRemovesTheDepartmentWithItsHours() {
        Department department = create("Psychiatry");
        departments.setHours(TestDepartments.ADMIN, department.id(), CLINIC);

        departments.delete(TestDepartments.ADMIN, department.id());

        assertThat(departments.find(department.id())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM dqms.opening_hours WHERE department_id = :id")
                        .param("id", department.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aDepartmentWithTokensCannotBeDeleted() {
        Department department = create("Emergency");
        jdbc.sql("""
                        INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel,
                                                priority, status, joined_at)
                        VALUES (:id, current_date, 1, 'Test Patient', '+919800000001', 'RECEPTION', 'NORMAL',
                                'WAITING', now())
                        """).param("id", department.id()).update();

        assertThatThrownBy(() -> departments.delete(TestDepartments.ADMIN, department.id()))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.title()).isEqualTo("Department has tokens");
                    assertThat(e.properties()).containsEntry("tokens", 1L);
                });
        assertThat(departments.find(department.id())).isPresent();
    }

    @Test
    void theOnlyDepartmentOfADoctorCannotBeDeletedButASharedOneCan() {
        Department only = create("Endocrinology");
        Department shared = create("Rheumatology");
        Doctor lonely = doctorIn(only);
        Doctor sharing = doctorIn(only, shared);

        assertThatThrownBy(() -> departments.delete(TestDepartments.ADMIN, only.id()))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.properties()).containsEntry("doctorIds", List.of(lonely.id())));

        departments.delete(TestDepartments.ADMIN, shared.id());
        assertThat(doctors.get(sharing.id()).departmentIds()).containsExactly(only.id());
    }

    @Test
    void allListsEveryDepartmentWithItsHours() {
        Department department = create("Geriatrics");
        departments.setHours(TestDepartments.ADMIN, department.id(), CLINIC);

        assertThat(departments.all())
                .filteredOn(d -> d.id() == department.id())
                .singleElement()
                .extracting(Department::hours)
                .isEqualTo(CLINIC);
    }
}
