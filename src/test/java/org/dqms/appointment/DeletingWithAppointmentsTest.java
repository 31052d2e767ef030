package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
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
 * Appointments are a record of who was booked, as tokens are of who was seen: a department or a
 * doctor they name is not deleted, and the refusal says that appointments are the reason.
 */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class DeletingWithAppointmentsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = AppointmentTestData.startDate();

    @LocalServerPort
    int port;

    @Autowired
    AppointmentTestData data;

    @Autowired
    BookingService bookings;

    @Autowired
    AccountService accounts;

    private ApiClient admin;
    private Department department;

    @BeforeEach
    void setUp() {
        admin = ApiClient.asAdmin(port, accounts);
        department = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
    }

    @AfterEach
    void resetClock() {
        data.clock.reset();
    }

    @Test
    void aDepartmentWithAppointmentsIsNotDeletedAndTheRefusalSaysWhy() {
        BookingPlan plan = data.plan(department, 15, 4, 0);
        book(plan, "15:00");
        book(plan, "15:15");

        HttpResponse<String> refused = delete("/api/v1/departments/" + department.id());

        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("title").asString()).isEqualTo("Department has appointments");
        assertThat(problem.get("detail").asString())
                .isEqualTo("Department " + department.id()
                        + " has 2 appointments; a department with appointments cannot be deleted.");
        assertThat(problem.get("appointments").asLong()).isEqualTo(2);
        assertThat(data.departments.find(department.id())).isPresent();
    }

    @Test
    void aDoctorWithAppointmentsIsNotDeletedAndTheRefusalSaysWhy() {
        Doctor doctor = data.doctors.create(
                AppointmentTestData.ADMIN,
                new DoctorDetails("Dr Booked", "Room B", "General", 15, Set.of(department.id())));
        book(data.plans.create(department.id(), doctor.id(), new PlanDetails(15, 4, 0, 30)), "15:00");

        HttpResponse<String> refused = delete("/api/v1/doctors/" + doctor.id());

        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("title").asString()).isEqualTo("Doctor has appointments");
        assertThat(problem.get("detail").asString())
                .isEqualTo("Doctor " + doctor.id() + " has 1 appointment; a doctor with appointments cannot be"
                        + " deleted. Set them off duty instead.");
        assertThat(problem.get("appointments").asLong()).isEqualTo(1);
        assertThat(data.doctors.find(doctor.id())).isPresent();
    }

    @Test
    void aDoctorWithASignInAccountIsNotDeletedAndTheRefusalSaysWhy() {
        Doctor doctor = data.doctor(department);
        ApiClient.asDoctor(port, accounts, doctor.id());

        HttpResponse<String> refused = delete("/api/v1/doctors/" + doctor.id());

        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("title").asString()).isEqualTo("Doctor has a sign-in account");
        assertThat(data.doctors.find(doctor.id())).isPresent();
    }

    private void book(BookingPlan plan, String time) {
        bookings.book(
                AppointmentTestData.ADMIN,
                plan.id(),
                AppointmentTestData.at(TODAY, time, AppointmentTestData.KOLKATA),
                data.patient());
    }

    private HttpResponse<String> delete(String path) {
        return admin.send(HttpRequest.newBuilder(admin.uri(path)).DELETE());
    }
}
