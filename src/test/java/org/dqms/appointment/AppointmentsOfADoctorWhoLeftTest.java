package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An appointment booked with a doctor who has since left the department: reception's and the
 * administrators' lists show it, marked so that the desk knows the doctor no longer sees patients
 * there; its check-in gives a token the department's doctors call; the other doctors' lists still
 * hold only their own appointments and the department's.
 */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class AppointmentsOfADoctorWhoLeftTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = AppointmentTestData.startDate();

    @LocalServerPort
    int port;

    @Autowired
    AppointmentTestData data;

    @Autowired
    AccountService accounts;

    Department department;
    Doctor left;
    Doctor stayed;
    long withLeft;
    long departmentWide;

    @BeforeEach
    void setUp() {
        department = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        left = data.doctor(department);
        stayed = data.doctor(department);
        withLeft =
                data.book(data.plans.create(department.id(), left.id(), new PlanDetails(15, 2, 0, 30)), TODAY, "12:00");
        departmentWide = data.book(data.plan(department, 15, 2, 0), TODAY, "12:15");
        Department elsewhere = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        data.doctors.update(
                AppointmentTestData.ADMIN,
                left.id(),
                new DoctorDetails(left.name(), left.room(), "General", 15, Set.of(elsewhere.id())));
    }

    @AfterEach
    void resetClock() {
        data.clock.reset();
    }

    @Test
    void receptionAndAdministratorsSeeItMarkedAndTheOtherDoctorsDoNot() {
        for (ApiClient staff :
                List.of(ApiClient.asReception(port, accounts, department.id()), ApiClient.asAdmin(port, accounts))) {
            List<JsonNode> rows = rows(staff);
            assertThat(rows.stream().map(r -> r.get("id").asLong())).containsExactly(withLeft, departmentWide);
            assertThat(rows.get(0).get("doctorId").asLong()).isEqualTo(left.id());
            assertThat(rows.get(0).path("doctorLeft").asBoolean(false))
                    .as("marked: the doctor left")
                    .isTrue();
            assertThat(rows.get(1).path("doctorLeft").asBoolean(true))
                    .as("a booking with the department")
                    .isFalse();
        }
        String page = AppointmentTestData.receptionPages(port, accounts, department)
                .get("/reception/appointments?department=" + department.id() + "&date=" + TODAY)
                .body();
        assertThat(page).contains(left.name() + " no longer sees patients here").contains("data-doctor-left");

        assertThat(rows(ApiClient.asDoctor(port, accounts, stayed.id())).stream()
                        .map(r -> r.get("id").asLong()))
                .containsExactly(departmentWide);
    }

    @Test
    void itsCheckInGivesATokenTheDepartmentsDoctorsCall() {
        ApiClient desk = ApiClient.asReception(port, accounts, department.id());
        HttpResponse<String> checkedIn =
                desk.send(desk.post("/api/v1/appointments/" + withLeft + "/check-in", Map.of()));
        assertThat(checkedIn.statusCode()).as(checkedIn.body()).isEqualTo(200);
        long token = JSON.readTree(checkedIn.body()).get("tokenId").asLong();

        ApiClient doctor = ApiClient.asDoctor(port, accounts, stayed.id());
        HttpResponse<String> called =
                doctor.send(doctor.post("/api/v1/doctors/" + stayed.id() + "/call-next", Map.of()));

        assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
        assertThat(JSON.readTree(called.body()).get("id").asLong()).isEqualTo(token);
    }

    private List<JsonNode> rows(ApiClient caller) {
        HttpResponse<String> response = caller.send(HttpRequest.newBuilder(
                caller.uri("/api/v1/appointments?departmentId=" + department.id() + "&date=" + TODAY)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).valueStream().toList();
    }
}
