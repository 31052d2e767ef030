package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
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
 * Staff lists of appointments carry none of the patient's capability links (the manage link, its
 * UUID, the token's link), and a doctor's list holds their own appointments and the department's.
 */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class StaffAppointmentListTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = AppointmentTestData.startDate();
    private static final List<String> LINKS = List.of("publicId", "manageLink", "tokenLink");

    @LocalServerPort
    int port;

    @Autowired
    AppointmentTestData data;

    @Autowired
    BookingService bookings;

    @Autowired
    CheckInService checkIns;

    @Autowired
    AccountService accounts;

    Department department;
    Doctor doctor;
    Doctor colleague;
    long departmentWide;
    long withDoctor;
    long withColleague;

    @BeforeEach
    void setUp() {
        department = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        doctor = data.doctor(department);
        colleague = data.doctor(department);
        departmentWide = book(data.plan(department, 15, 2, 0), "11:45");
        withDoctor = book(data.plans.create(department.id(), doctor.id(), new PlanDetails(15, 2, 0, 30)), "12:00");
        withColleague =
                book(data.plans.create(department.id(), colleague.id(), new PlanDetails(15, 2, 0, 30)), "12:15");
        // Checked in: its token has a link that would let the holder cancel the token.
        checkIns.checkIn(AppointmentTestData.ADMIN, departmentWide);
    }

    @AfterEach
    void resetClock() {
        data.clock.reset();
    }

    private long book(BookingPlan plan, String time) {
        Instant startsAt = AppointmentTestData.at(TODAY, time, AppointmentTestData.KOLKATA);
        return bookings.book(AppointmentTestData.ADMIN, plan.id(), startsAt, data.patient())
                .state()
                .id();
    }

    private HttpResponse<String> list(ApiClient caller, String query) {
        return caller.send(HttpRequest.newBuilder(
                caller.uri("/api/v1/appointments?departmentId=" + department.id() + "&date=" + TODAY + query)));
    }

    private static List<JsonNode> rows(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).valueStream().toList();
    }

    @Test
    void aDoctorsListHasTheirOwnAndTheDepartmentsAppointmentsWithoutLinks() {
        ApiClient asDoctor = ApiClient.asDoctor(port, accounts, doctor.id());

        List<JsonNode> rows = rows(list(asDoctor, ""));

        assertThat(rows).allSatisfy(row -> assertThat(row.propertyNames()).doesNotContainAnyElementsOf(LINKS));
        assertThat(rows.stream().map(r -> r.get("id").asLong())).containsExactly(departmentWide, withDoctor);
        assertThat(rows.get(0).get("tokenId").isNumber()).as("checked in").isTrue();
        assertThat(rows.get(0).get("phone").asString()).startsWith("*");
    }

    @Test
    void aDoctorMayNotAskForAColleaguesAppointments() {
        ApiClient asDoctor = ApiClient.asDoctor(port, accounts, doctor.id());

        HttpResponse<String> refused = list(asDoctor, "&doctorId=" + colleague.id());
        List<JsonNode> own = rows(list(asDoctor, "&doctorId=" + doctor.id()));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(own.stream().map(r -> r.get("id").asLong())).containsExactly(withDoctor);
    }

    @Test
    void receptionSeesTheWholeDayAndTheDesksAnswersCarryNoLinksEither() {
        ApiClient desk = ApiClient.asReception(port, accounts, department.id());

        List<JsonNode> rows = rows(list(desk, ""));
        HttpResponse<String> checkedIn =
                desk.send(desk.post("/api/v1/appointments/" + withDoctor + "/check-in", Map.of()));

        assertThat(rows.stream().map(r -> r.get("id").asLong()))
                .containsExactly(departmentWide, withDoctor, withColleague);
        assertThat(rows).allSatisfy(row -> assertThat(row.propertyNames()).doesNotContainAnyElementsOf(LINKS));
        assertThat(checkedIn.statusCode()).as(checkedIn.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(checkedIn.body());
        assertThat(answer.get("tokenId").isNumber()).isTrue();
        assertThat(answer.propertyNames()).doesNotContainAnyElementsOf(LINKS);
    }
}
