package org.dqms.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.department.TestDepartments;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class DoctorServiceTest {

    private static final Actor ADMIN = TestDepartments.ADMIN;
    private static final long UNKNOWN = Long.MAX_VALUE;

    @Autowired
    DoctorService doctors;

    @Autowired
    DepartmentService departments;

    @Autowired
    JdbcClient jdbc;

    private final List<Long> createdDepartments = new ArrayList<>();
    private final List<Long> createdDoctors = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        if (!createdDoctors.isEmpty()) {
            jdbc.sql("DELETE FROM dqms.token WHERE doctor_id IN (:ids) OR preferred_doctor_id IN (:ids)")
                    .param("ids", createdDoctors)
                    .update();
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

    private Department department() {
        Department department = TestDepartments.create(departments, "Ward");
        createdDepartments.add(department.id());
        return department;
    }

    private static Set<Long> ids(Department... serves) {
        return Arrays.stream(serves).map(Department::id).collect(Collectors.toSet());
    }

    private Doctor doctor(String name, DutyStatus status, Department... serves) {
        Doctor doctor = doctors.create(ADMIN, new DoctorDetails(name, "Room 4", "General Medicine", 12, ids(serves)));
        createdDoctors.add(doctor.id());
        return status == DutyStatus.OFF_DUTY ? doctor : doctors.setDutyStatus(ADMIN, doctor.id(), status);
    }

    @Test
    void aNewDoctorIsOffDutyInTheGivenDepartments() {
        Department cardiology = department();
        Department opd = department();

        Doctor created = doctors.create(
                ADMIN, new DoctorDetails(" Dr. Priya Nair ", "Room 4", "Cardiology", 20, ids(cardiology, opd)));
        createdDoctors.add(created.id());

        assertThat(doctors.get(created.id()))
                .isEqualTo(created)
                .isEqualTo(new Doctor(
                        created.id(),
                        "Dr. Priya Nair",
                        "Room 4",
                        "Cardiology",
                        20,
                        DutyStatus.OFF_DUTY,
                        Set.of(cardiology.id(), opd.id())));
        assertThat(doctors.find(created.id())).contains(created);
    }

    @Test
    void aDoctorInAnUnknownDepartmentIsNotCreated() {
        Department known = department();
        String name = TestDepartments.uniqueName("Dr. Nobody");
        Set<Long> departmentIds = Set.of(known.id(), UNKNOWN);

        assertThatThrownBy(() -> doctors.create(ADMIN, new DoctorDetails(name, "Room 1", "", 10, departmentIds)))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Department " + UNKNOWN + " does not exist");
        assertThat(doctors.inDepartment(known.id())).isEmpty();
    }

    @Test
    void updateChangesTheDetailsAndTheDepartmentsButNotTheDutyStatus() {
        Department first = department();
        Department second = department();
        Doctor doctor = doctor("Dr. Rao", DutyStatus.ON_DUTY, first);

        Doctor updated =
                doctors.update(ADMIN, doctor.id(), new DoctorDetails("Dr. A. Rao", "Room 7", "ENT", 15, ids(second)));

        assertThat(updated)
                .isEqualTo(doctors.get(doctor.id()))
                .isEqualTo(new Doctor(
                        doctor.id(), "Dr. A. Rao", "Room 7", "ENT", 15, DutyStatus.ON_DUTY, Set.of(second.id())));
        assertThat(doctors.inDepartment(first.id())).isEmpty();
        assertThat(doctors.inDepartment(second.id())).containsExactly(updated);
    }

    @Test
    void dutyStatusChanges() {
        Doctor doctor = doctor("Dr. Mehta", DutyStatus.OFF_DUTY, department());

        assertThat(doctors.setDutyStatus(ADMIN, doctor.id(), DutyStatus.ON_DUTY).dutyStatus())
                .isEqualTo(DutyStatus.ON_DUTY);
        assertThat(doctors.setDutyStatus(ADMIN, doctor.id(), DutyStatus.ON_BREAK)
                        .dutyStatus())
                .isEqualTo(DutyStatus.ON_BREAK);
        assertThat(doctors.get(doctor.id()).dutyStatus()).isEqualTo(DutyStatus.ON_BREAK);
    }

    @Test
    void inDepartmentListsItsDoctorsByName() {
        Department department = department();
        Doctor zed = doctor("Dr. Zed", DutyStatus.OFF_DUTY, department);
        Doctor abe = doctor("Dr. Abe", DutyStatus.ON_DUTY, department);
        doctor("Dr. Elsewhere", DutyStatus.ON_DUTY, department());

        assertThat(doctors.inDepartment(department.id())).containsExactly(abe, zed);
    }

    @Test
    void doctorsOnDutyCountASharedDoctorByTheShare() {
        Department a = department();
        Department b = department();
        Department c = department();
        Doctor sharedByTwo = doctor("Dr. Two", DutyStatus.ON_DUTY, a, b);
        doctor("Dr. One", DutyStatus.ON_DUTY, a);
        doctor("Dr. Three", DutyStatus.ON_DUTY, a, b, c);
        doctor("Dr. Break", DutyStatus.ON_BREAK, a);
        doctor("Dr. Off", DutyStatus.OFF_DUTY, b);

        assertThat(doctors.doctorsOnDuty(a.id())).isCloseTo(1 + 0.5 + 1.0 / 3, within(1e-9));
        assertThat(doctors.doctorsOnDuty(b.id())).isCloseTo(0.5 + 1.0 / 3, within(1e-9));
        assertThat(doctors.doctorsOnDuty(c.id())).isCloseTo(1.0 / 3, within(1e-9));

        doctors.setDutyStatus(ADMIN, sharedByTwo.id(), DutyStatus.OFF_DUTY);

        assertThat(doctors.doctorsOnDuty(a.id())).isCloseTo(1 + 1.0 / 3, within(1e-9));
        assertThat(doctors.doctorsOnDuty(b.id())).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void usualMinutesAverageTheDoctorsOnDutyElseAllTheDepartmentsDoctors() {
        Department department = department();
        Doctor ten = doctors.create(ADMIN, new DoctorDetails("Dr. Ten", "Room 1", "General", 10, ids(department)));
        Doctor twenty =
                doctors.create(ADMIN, new DoctorDetails("Dr. Twenty", "Room 2", "General", 20, ids(department)));
        createdDoctors.addAll(List.of(ten.id(), twenty.id()));

        assertThat(doctors.staffing(department.id()).usualMinutes()).hasValue(15.0);
        doctors.setDutyStatus(ADMIN, twenty.id(), DutyStatus.ON_DUTY);
        assertThat(doctors.staffing(department.id())).isEqualTo(new Staffing(1.0, OptionalDouble.of(20.0)));
        assertThat(doctors.staffing(department().id())).isEqualTo(new Staffing(0.0, OptionalDouble.empty()));
    }

    @Test
    void aDepartmentWithoutDoctorsOnDutyHasNone() {
        Department department = department();
        doctor("Dr. Break", DutyStatus.ON_BREAK, department);

        assertThat(doctors.doctorsOnDuty(department.id())).isZero();
        assertThat(doctors.doctorsOnDuty(UNKNOWN)).isZero();
    }

    @Test
    void deleteRemovesTheDoctor() {
        Department department = department();
        Doctor doctor = doctor("Dr. Gone", DutyStatus.ON_DUTY, department);

        doctors.delete(ADMIN, doctor.id());

        assertThat(doctors.find(doctor.id())).isEmpty();
        assertThat(doctors.doctorsOnDuty(department.id())).isZero();
    }

    @Test
    void aDoctorNamedOnATokenCannotBeDeleted() {
        Department department = department();
        Doctor doctor = doctor("Dr. Busy", DutyStatus.ON_DUTY, department);
        jdbc.sql("""
                        INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel,
                                                priority, status, joined_at, preferred_doctor_id)
                        VALUES (:departmentId, current_date, 1, 'Test Patient', '+919800000003', 'WEB', 'NORMAL',
                                'WAITING', now(), :doctorId)
                        """)
                .param("departmentId", department.id())
                .param("doctorId", doctor.id())
                .update();

        assertThatThrownBy(() -> doctors.delete(ADMIN, doctor.id()))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.title()).isEqualTo("Doctor has tokens"));
        assertThat(doctors.find(doctor.id())).isPresent();
    }

    @Test
    void anUnknownDoctorIsNotFound() {
        DoctorDetails details = new DoctorDetails("Dr. X", "Room 1", "", 10, ids(department()));

        assertThat(doctors.find(UNKNOWN)).isEmpty();
        assertThatThrownBy(() -> doctors.get(UNKNOWN))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Doctor " + UNKNOWN + " does not exist");
        assertThatThrownBy(() -> doctors.update(ADMIN, UNKNOWN, details)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> doctors.delete(ADMIN, UNKNOWN)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> doctors.setDutyStatus(ADMIN, UNKNOWN, DutyStatus.ON_DUTY))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void detailsAreCheckedBeforeTheyReachTheDatabase() {
        assertThatThrownBy(() -> new DoctorDetails("Dr. X", "Room 1", "", 10, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DoctorDetails("Dr. X", "Room 1", "", 241, Set.of(1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DoctorDetails(" ", "Room 1", "", 10, Set.of(1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
