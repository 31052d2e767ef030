package org.dqms.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.department.TestDepartments;
import org.dqms.platform.ConflictException;
import org.dqms.testing.AllAtOnce;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A doctor keeps a department however their departments are deleted and edited at once: the second
 * of two changes that would each take the doctor's last department waits for the first and is then
 * refused (409).
 */
@IntegrationTest
class ConcurrentDepartmentDeletesTest {

    private static final String REFUSED = "Department has doctors";

    @Autowired
    DepartmentService departments;

    @Autowired
    DoctorService doctors;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private HeldTransactions held;
    private final List<Long> createdDepartments = new ArrayList<>();
    private final List<Long> createdDoctors = new ArrayList<>();

    @BeforeEach
    void hold() {
        held = new HeldTransactions(transactions);
    }

    @AfterEach
    void cleanUp() throws Exception {
        held.close();
        jdbc.sql("DELETE FROM dqms.doctor WHERE id IN (:ids)")
                .param("ids", createdDoctors)
                .update();
        jdbc.sql("DELETE FROM dqms.department WHERE id IN (:ids)")
                .param("ids", createdDepartments)
                .update();
    }

    @Test
    void aDeleteOfADoctorsOtherDepartmentWaitsForTheFirstAndIsRefused() throws Exception {
        Department first = department();
        Department second = department();
        Doctor doctor = doctorIn(first, second);
        assertThat(held.holdToCommit(() -> delete(first))).isEqualTo("deleted");

        Future<String> other = held.submit(() -> delete(second));

        waitsForTheHeldOne(other, "the second delete waits while the first holds the doctor");
        assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(REFUSED + " " + List.of(doctor.id()));
        assertThat(departments.find(first.id())).isEmpty();
        assertThat(doctors.get(doctor.id()).departmentIds()).containsExactly(second.id());
    }

    @Test
    void aDeleteWhileAnEditTakesTheDoctorsOtherDepartmentWaitsAndIsRefused() throws Exception {
        Department kept = department();
        Department left = department();
        Doctor doctor = doctorIn(kept, left);
        held.holdToCommit(() -> doctors.update(TestDepartments.ADMIN, doctor.id(), details(kept)));

        Future<String> delete = held.submit(() -> delete(kept));

        waitsForTheHeldOne(delete, "the delete waits while the edit holds the doctor");
        assertThat(delete.get(10, TimeUnit.SECONDS)).isEqualTo(REFUSED + " " + List.of(doctor.id()));
        assertThat(doctors.get(doctor.id()).departmentIds()).containsExactly(kept.id());
    }

    @Test
    void anEditToADepartmentBeingDeletedWaitsAndIsRefused() throws Exception {
        Department deleted = department();
        Department other = department();
        Doctor doctor = doctorIn(deleted, other);
        assertThat(held.holdToCommit(() -> delete(deleted))).isEqualTo("deleted");

        Future<Doctor> edit = held.submit(() -> doctors.update(TestDepartments.ADMIN, doctor.id(), details(deleted)));

        waitsForTheHeldOne(edit, "the edit waits while the delete holds the doctor");
        assertThatThrownBy(() -> edit.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("was deleted meanwhile");
        assertThat(doctors.get(doctor.id()).departmentIds()).containsExactly(other.id());
    }

    @Test
    void deletesOfAllTheDepartmentsOfDoctorsAtOnceLeaveThemOne() throws Exception {
        List<Department> all = List.of(department(), department(), department(), department());
        Department[] each = all.toArray(Department[]::new);
        List<Long> shared = List.of(doctorIn(each).id(), doctorIn(each).id());
        Map<Department, String> outcomes = AllAtOnce.run(all, this::delete);

        assertThat(outcomes.values())
                .as("no deadlock; all deletes but one go through")
                .containsExactlyInAnyOrder("deleted", "deleted", "deleted", REFUSED + " " + shared);
        long remaining = outcomes.entrySet().stream()
                .filter(outcome -> !outcome.getValue().equals("deleted"))
                .mapToLong(outcome -> outcome.getKey().id())
                .sum();
        for (long doctor : shared) {
            assertThat(doctors.get(doctor).departmentIds()).containsExactly(remaining);
        }
    }

    /** The work waits while the held transaction is open; then that one ends. */
    private void waitsForTheHeldOne(Future<?> work, String why) {
        assertThatExceptionOfType(TimeoutException.class).as(why).isThrownBy(() -> work.get(1, TimeUnit.SECONDS));
        held.release();
    }

    /** "deleted", or the title of the refusal and the doctors it names. */
    private String delete(Department department) {
        try {
            departments.delete(TestDepartments.ADMIN, department.id());
            return "deleted";
        } catch (ConflictException e) {
            return e.title() + " " + e.properties().get("doctorIds");
        }
    }

    private Department department() {
        Department department = TestDepartments.create(departments, "Cardiology");
        createdDepartments.add(department.id());
        return department;
    }

    private Doctor doctorIn(Department... serves) {
        Doctor doctor = doctors.create(TestDepartments.ADMIN, details(serves));
        createdDoctors.add(doctor.id());
        return doctor;
    }

    private static DoctorDetails details(Department... serves) {
        return new DoctorDetails(
                "Dr. Shared",
                "Room 4",
                "",
                10,
                Arrays.stream(serves).map(Department::id).collect(Collectors.toSet()));
    }
}
