package org.dqms.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.accounts.UserAccount;
import org.dqms.audit.AuditRows.Row;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.department.OpeningTime;
import org.dqms.department.TestDepartments;
import org.dqms.department.WeeklyHours;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.platform.Actor;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Administrators' changes to departments and doctors in the audit log. */
@IntegrationTest
class AdminChangeAuditTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accountService;

    @Autowired
    DepartmentService departments;

    @Autowired
    DoctorService doctors;

    @Autowired
    JdbcClient jdbc;

    private AuditRows rows;
    private String clientIp;
    private RawHttp http;
    private String bearer;
    private Actor admin;

    @BeforeEach
    void setUp() {
        rows = new AuditRows(jdbc, accountService);
        clientIp = rows.newClientIp();
        http = new RawHttp(port).from(clientIp);
        String email = rows.admin().email();
        bearer = "Bearer "
                + http.post("/api/v1/auth/sign-in", Map.of("email", email, "password", AuditRows.PASSWORD))
                        .json()
                        .path("accessToken")
                        .asString();
        admin = Actor.staff("audit-admin-" + System.nanoTime());
        rows.actor(admin.label());
    }

    @AfterEach
    void cleanUp() {
        rows.cleanUp();
    }

    @Test
    void departmentChangesOverTheApiAreRecordedOnceEachWithTheCallersAddress() {
        String prefix = TestDepartments.uniquePrefix();
        Map<String, Object> body = Map.of(
                "name",
                TestDepartments.uniqueName("Audit"),
                "prefix",
                prefix,
                "timeZone",
                "Asia/Kolkata",
                "dailyCapacity",
                50,
                "targetWaitMinutes",
                20);
        RawHttp.Response created = http.post("/api/v1/departments", body, "Authorization", bearer);
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        String target = rows.target("department:" + id);

        assertThat(http.put("/api/v1/departments/" + id, body, "Authorization", bearer)
                        .status())
                .isEqualTo(200);
        assertThat(http.delete("/api/v1/departments/" + id, "Authorization", bearer)
                        .status())
                .isEqualTo(204);

        List<Row> recorded = rows.byTarget(target);
        assertThat(recorded)
                .extracting(Row::action)
                .containsExactly("DEPARTMENT_CREATED", "DEPARTMENT_UPDATED", "DEPARTMENT_DELETED");
        assertThat(rows.byClientIp(clientIp))
                .filteredOn(row -> row.action().equals("SIGN_IN"))
                .singleElement()
                .extracting(Row::actor)
                .as("the administrator's sign-in is filed under the actor of their changes")
                .isEqualTo(recorded.get(0).actor());
        assertThat(recorded).allSatisfy(row -> {
            assertThat(row.actor()).startsWith("staff:");
            assertThat(row.clientIp()).isEqualTo(clientIp);
            assertThat(row.details()).contains(prefix);
            assertThat(row.at()).isNotNull();
        });
    }

    @Test
    void hoursAndClosedDatesAreRecordedOnceEachWithTheActor() {
        Department department = departments.create(admin, TestDepartments.details(TestDepartments.uniqueName("Audit")));
        String target = rows.target("department:" + department.id());
        LocalDate date = LocalDate.of(2031, 1, 26);

        departments.setHours(
                admin,
                department.id(),
                WeeklyHours.weekly(List.of(DayOfWeek.MONDAY), List.of(OpeningTime.of("09:00", "17:00"))));
        departments.closeOn(admin, department.id(), date, "Republic Day");
        departments.reopenOn(admin, department.id(), date);
        departments.delete(admin, department.id());

        List<Row> recorded = rows.byTarget(target);
        assertThat(recorded)
                .extracting(Row::action)
                .containsExactly(
                        "DEPARTMENT_CREATED",
                        "DEPARTMENT_HOURS_SET",
                        "DEPARTMENT_CLOSED_ON",
                        "DEPARTMENT_REOPENED_ON",
                        "DEPARTMENT_DELETED");
        assertThat(recorded).extracting(Row::actor).containsOnly(admin.label());
        assertThat(recorded.get(2).details()).contains("2031-01-26").doesNotContain("Republic");
        // Outside a request there is no client address.
        assertThat(recorded).extracting(Row::clientIp).containsOnlyNulls();
    }

    @Test
    void aRefusedChangeLeavesNoEntry() {
        Department department = departments.create(admin, TestDepartments.details(TestDepartments.uniqueName("Audit")));
        String target = rows.target("department:" + department.id());

        try {
            departments.create(
                    admin,
                    new org.dqms.department.DepartmentDetails(
                            department.name(), department.prefix(), department.timeZone(), 10, 10));
        } catch (RuntimeException expected) {
            // 409: the name is taken.
        }

        assertThat(rows.byActor(admin.label()))
                .extracting(Row::action, Row::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DEPARTMENT_CREATED", target));
        departments.delete(admin, department.id());
    }

    @Test
    void aDoctorsSignInIsFiledUnderTheDoctorAsTheirTokenActionsAre() {
        Department department = departments.create(admin, TestDepartments.details(TestDepartments.uniqueName("Audit")));
        rows.target("department:" + department.id());
        Doctor doctor = doctors.create(admin, new DoctorDetails("Dr Signin", "A-3", null, 10, Set.of(department.id())));
        rows.target("doctor:" + doctor.id());
        try {
            UserAccount account = rows.created(accountService.createStaff(
                    Actor.SYSTEM,
                    rows.uniqueEmail("doctor"),
                    "Dr Signin",
                    Role.DOCTOR,
                    null,
                    doctor.id(),
                    AuditRows.PASSWORD));
            String doctorsAddress = rows.newClientIp();

            RawHttp.Response signedIn = new RawHttp(port)
                    .from(doctorsAddress)
                    .post("/api/v1/auth/sign-in", Map.of("email", account.email(), "password", AuditRows.PASSWORD));

            assertThat(signedIn.status()).isEqualTo(200);
            assertThat(rows.byClientIp(doctorsAddress))
                    .singleElement()
                    .extracting(Row::actor)
                    .isEqualTo(rows.actor("staff:doctor-" + doctor.id()));
        } finally {
            rows.cleanUp();
            doctors.delete(admin, doctor.id());
            departments.delete(admin, department.id());
        }
    }

    @Test
    void doctorChangesAreRecordedOnceEach() {
        Department department = departments.create(admin, TestDepartments.details(TestDepartments.uniqueName("Audit")));
        rows.target("department:" + department.id());
        Map<String, Object> body = Map.of(
                "name",
                "Dr Audit",
                "room",
                "A-1",
                "consultationMinutes",
                10,
                "departmentIds",
                List.of(department.id()));
        RawHttp.Response created = http.post("/api/v1/doctors", body, "Authorization", bearer);
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        String target = rows.target("doctor:" + id);

        doctors.update(admin, id, new DoctorDetails("Dr Audit", "A-2", null, 12, Set.of(department.id())));
        doctors.setDutyStatus(admin, id, DutyStatus.ON_DUTY);
        assertThat(http.put("/api/v1/doctors/" + id + "/duty", Map.of("status", "OFF_DUTY"), "Authorization", bearer)
                        .status())
                .isEqualTo(200);
        Doctor gone = doctors.get(id);
        doctors.delete(admin, gone.id());
        departments.delete(admin, department.id());

        List<Row> recorded = rows.byTarget(target);
        assertThat(recorded)
                .extracting(Row::action)
                .containsExactly(
                        "DOCTOR_CREATED",
                        "DOCTOR_UPDATED",
                        "DOCTOR_DUTY_CHANGED",
                        "DOCTOR_DUTY_CHANGED",
                        "DOCTOR_DELETED");
        assertThat(recorded.get(0).clientIp()).isEqualTo(clientIp);
        assertThat(recorded.get(1).actor()).isEqualTo(admin.label());
        assertThat(recorded.get(2).details()).contains("ON_DUTY");
        assertThat(recorded.get(3).details()).contains("OFF_DUTY");
        assertThat(recorded.get(3).clientIp()).isEqualTo(clientIp);
    }
}
