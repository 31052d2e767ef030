package org.dqms.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.department.DepartmentDetails;
import org.dqms.department.DepartmentPrefix;
import org.dqms.department.DepartmentService;
import org.dqms.platform.Actor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.FormSession;
import org.dqms.testing.FormSession.Page;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The doctors' admin pages: creating a doctor with the form, and setting duty from the list. */
@IntegrationTest
class DoctorPagesTest {

    private static final Actor SETUP = Actor.staff("test-setup");

    @LocalServerPort
    int port;

    @Autowired
    DoctorService doctors;

    @Autowired
    DepartmentService departments;

    @Autowired
    AccountService accounts;

    private FormSession admin;
    private Department department;
    private final List<Long> createdDoctors = new ArrayList<>();

    @BeforeEach
    void setUp() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = ApiClient.asAdmin(port, accounts).account().email();
        admin = FormSession.signIn(port, email, ApiClient.PASSWORD);
        String prefix =
                "Y" + tag.replaceAll("[^a-f]", "").toUpperCase().concat("ABCD").substring(0, 4);
        department = departments.create(
                SETUP,
                new DepartmentDetails(
                        "Doctors ward " + tag, new DepartmentPrefix(prefix), ZoneId.of("Asia/Kolkata"), 100, 30));
    }

    @AfterEach
    void cleanUp() {
        createdDoctors.forEach(id -> doctors.delete(SETUP, id));
        departments.delete(SETUP, department.id());
    }

    @Test
    void aDoctorCreatedWithTheFormIsStoredOffDutyAndDutyIsSetFromTheList() {
        Page form = admin.get("/admin/doctors/new");
        assertThat(form.body()).contains(department.name());

        Page answer = admin.submit(
                form,
                "/admin/doctors",
                "name",
                "Dr Meera Iyer",
                "room",
                "12B",
                "specialization",
                "Cardiology",
                "consultationMinutes",
                "15",
                "departmentIds",
                Long.toString(department.id()));

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).matches(".*/admin/doctors/\\d+\\?created");
        long id = Long.parseLong(answer.location().replaceAll(".*/admin/doctors/(\\d+).*", "$1"));
        createdDoctors.add(id);
        Doctor doctor = doctors.get(id);
        assertThat(doctor.name()).isEqualTo("Dr Meera Iyer");
        assertThat(doctor.room()).isEqualTo("12B");
        assertThat(doctor.consultationMinutes()).isEqualTo(15);
        assertThat(doctor.departmentIds()).containsExactly(department.id());
        assertThat(doctor.dutyStatus()).isEqualTo(DutyStatus.OFF_DUTY);

        Page list = admin.get("/admin/doctors");
        assertThat(list.body()).contains("Dr Meera Iyer");
        Page duty = admin.submit(list, "/admin/doctors/" + id + "/duty", "status", "ON_DUTY");

        assertThat(duty.status()).isEqualTo(302);
        assertThat(doctors.get(id).dutyStatus()).isEqualTo(DutyStatus.ON_DUTY);

        Page onBreak = admin.submit(
                admin.get("/admin/doctors/" + id),
                "/admin/doctors/" + id + "/duty",
                "status",
                "ON_BREAK",
                "from",
                "page");

        assertThat(onBreak.location()).endsWith("/admin/doctors/" + id + "?duty");
        assertThat(doctors.get(id).dutyStatus()).isEqualTo(DutyStatus.ON_BREAK);
    }

    @Test
    void aDoctorWithoutDepartmentOrRoomIsRefusedAndNothingIsCreated() {
        Page form = admin.get("/admin/doctors/new");

        Page answer = admin.submit(
                form, "/admin/doctors", "name", "Dr Nobody Anywhere", "room", " ", "consultationMinutes", "0");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body())
                .contains("Choose at least one department.")
                .contains("Please fill in this field.")
                .contains("Enter a whole number from 1 to 240.")
                .contains("value=\"Dr Nobody Anywhere\"");
        assertThat(doctors.inDepartment(department.id())).isEmpty();
    }

    @Test
    void editingChangesTheDoctor() {
        Doctor doctor =
                doctors.create(SETUP, new DoctorDetails("Dr Kabir Sen", "4", "ENT", 10, Set.of(department.id())));
        createdDoctors.add(doctor.id());
        String path = "/admin/doctors/" + doctor.id();

        Page answer = admin.submit(
                admin.get(path),
                path,
                "name",
                "Dr Kabir Sen",
                "room",
                "5",
                "specialization",
                "ENT",
                "consultationMinutes",
                "20",
                "departmentIds",
                Long.toString(department.id()));

        assertThat(answer.status()).isEqualTo(302);
        assertThat(doctors.get(doctor.id()).room()).isEqualTo("5");
        assertThat(doctors.get(doctor.id()).consultationMinutes()).isEqualTo(20);
    }
}
