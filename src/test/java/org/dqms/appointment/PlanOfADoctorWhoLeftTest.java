package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A doctor's booking plan in a department they left offers no slots and takes no booking, until
 * they serve it again; what was booked with them before stands, and is cancelled but not moved.
 */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class PlanOfADoctorWhoLeftTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = AppointmentTestData.startDate();

    @LocalServerPort
    int port;

    @Autowired
    AppointmentTestData data;

    @Autowired
    AccountService accounts;

    private ApiClient admin;
    private ApiClient anyone;
    private Department department;
    private Department elsewhere;
    private Doctor leaving;
    private BookingPlan theirs;
    private BookingPlan departments;

    @BeforeEach
    void setUp() {
        admin = ApiClient.asAdmin(port, accounts);
        anyone = ApiClient.anonymous(port);
        department = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        elsewhere = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        leaving = data.doctors.create(
                AppointmentTestData.ADMIN,
                new DoctorDetails(
                        "Dr Moved " + department.id(),
                        "Room L",
                        "General",
                        15,
                        Set.of(department.id(), elsewhere.id())));
        theirs = data.plans.create(department.id(), leaving.id(), new PlanDetails(15, 4, 0, 30));
        departments = data.plan(department, 15, 4, 0);
    }

    @AfterEach
    void resetClock() {
        data.clock.reset();
    }

    @Test
    void aDoctorWhoLeftOffersNoSlotsThereAndABookingIsRefusedUntilTheyServeItAgain() {
        assertThat(slots(theirs)).hasSize(36);

        move(elsewhere);

        assertThat(slots(theirs)).isEmpty();
        HttpResponse<String> refused = book(theirs, "15:00", "+919900070001");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("title").asString()).isEqualTo("Doctor left the department");
        assertThat(problem.get("detail").asString())
                .isEqualTo(leaving.name() + " no longer sees patients in " + department.name()
                        + "; book with the department or another of its doctors.");
        assertThat(problem.get("reason").asString()).isEqualTo("doctor-left");
        assertThat(problem.get("doctorId").asLong()).isEqualTo(leaving.id());
        assertThat(problem.get("departmentId").asLong()).isEqualTo(department.id());
        assertThat(book(departments, "15:00", "+919900070002").statusCode())
                .as("the department's own plan still takes bookings")
                .isEqualTo(201);

        move(department, elsewhere);

        assertThat(slots(theirs)).hasSize(36);
        assertThat(book(theirs, "15:00", "+919900070003").statusCode()).isEqualTo(201);
    }

    @Test
    void anAppointmentBookedBeforeTheDoctorLeftStandsAndIsCancelledButNotMoved() {
        HttpResponse<String> booked = book(theirs, "15:00", "+919900070004");
        assertThat(booked.statusCode()).isEqualTo(201);
        String link = JSON.readTree(booked.body()).get("publicId").asString();

        move(elsewhere);

        assertThat(appointment(link).get("status").asString()).isEqualTo("BOOKED");
        HttpResponse<String> moved = anyone.send(anyone.post(
                "/api/v1/appointments/by-link/" + link + "/reschedule",
                Map.of("startsAt", local("16:00").toString())));
        assertThat(moved.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(moved.body()).get("reason").asString()).isEqualTo("doctor-left");
        assertThat(appointment(link).get("startsAt").asString())
                .isEqualTo(local("15:00").toString());
        String page = PageSession.anonymous(port).get("/a/" + link).body();
        assertThat(page)
                .contains(leaving.name() + " no longer sees patients in this department. Your appointment stands")
                .doesNotContain("data-reschedule");
        HttpResponse<String> cancelled =
                anyone.send(anyone.post("/api/v1/appointments/by-link/" + link + "/cancel", Map.of()));
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(cancelled.body()).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void theBookingPageOffersOnlyTheDoctorsWhoServeTheDepartment() {
        assertThat(PageSession.anonymous(port).get("/book/" + department.id()).body())
                .contains(leaving.name());

        move(elsewhere);

        PageSession patient = PageSession.anonymous(port);
        assertThat(patient.get("/book/" + department.id()).body()).doesNotContain(leaving.name());
        HttpResponse<String> linked = patient.get("/book/" + department.id() + "?plan=" + theirs.id());
        assertThat(linked.statusCode()).isEqualTo(200);
        assertThat(linked.body())
                .doesNotContain(leaving.name())
                .contains("name=\"plan\" value=\"" + departments.id() + "\"");
    }

    private void move(Department... to) {
        HttpResponse<String> moved = admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/doctors/" + leaving.id()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "name",
                        leaving.name(),
                        "room",
                        leaving.room(),
                        "consultationMinutes",
                        15,
                        "departmentIds",
                        Arrays.stream(to).map(Department::id).toList())))));
        assertThat(moved.statusCode()).isEqualTo(200);
    }

    private JsonNode slots(BookingPlan plan) {
        HttpResponse<String> slots = anyone.send(
                HttpRequest.newBuilder(anyone.uri("/api/v1/booking-plans/" + plan.id() + "/slots?date=" + TODAY)));
        assertThat(slots.statusCode()).isEqualTo(200);
        return JSON.readTree(slots.body());
    }

    private HttpResponse<String> book(BookingPlan plan, String time, String phone) {
        return anyone.send(anyone.post(
                "/api/v1/booking-plans/" + plan.id() + "/appointments",
                Map.of("startsAt", local(time).toString(), "patientName", "Meera Iyer", "phone", phone)));
    }

    private JsonNode appointment(String link) {
        return JSON.readTree(anyone.send(HttpRequest.newBuilder(anyone.uri("/api/v1/appointments/by-link/" + link)))
                .body());
    }

    private static Instant local(String time) {
        return AppointmentTestData.at(TODAY, time, AppointmentTestData.KOLKATA);
    }
}
