package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Check-in places the token at the booked time inside the early/late window and at the arrival
 * outside it, in the same queue as walk-ins; the placement is recorded.
 */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class CheckInPlacementTest {

    private static final LocalDate TODAY = AppointmentTestData.startDate();
    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    @Autowired
    JdbcClient jdbc;

    Department department;
    Doctor doctor;
    BookingPlan plan;

    @BeforeEach
    void setUp() {
        department = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        doctor = data.doctor(department);
        plan = data.plan(department, 15, 4, 0);
    }

    @AfterEach
    void resetClock() {
        data.clock.reset();
    }

    private Instant local(String time) {
        return AppointmentTestData.at(TODAY, time, AppointmentTestData.KOLKATA);
    }

    private Instant joinedAt(long tokenId) {
        return jdbc.sql("SELECT joined_at FROM dqms.token WHERE id = :id")
                .param("id", tokenId)
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
    }

    /** A walk-in joins through the API at the clock's time; its token id. */
    private long walkIn() {
        ApiClient patient = ApiClient.anonymous(port);
        String phone = data.patient().phone();
        String body = JSON.writeValueAsString(Map.of("patientName", "Walk In", "phone", phone));
        JsonNode token = JSON.readTree(
                patient.send(HttpRequest.newBuilder(patient.uri("/api/v1/departments/" + department.id() + "/tokens"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)))
                        .body());
        return token.get("id").asLong();
    }

    private List<Long> callOrder() {
        ApiClient reception = ApiClient.asReception(port, accounts, department.id());
        JsonNode queue = JSON.readTree(reception
                        .send(HttpRequest.newBuilder(
                                reception.uri("/api/v1/departments/" + department.id() + "/queue")))
                        .body())
                .get("waiting");
        return queue.valueStream().map(e -> e.get("tokenId").asLong()).toList();
    }

    @Test
    void checkInWithinTheWindowTakesThePlaceOfTheBookedTime() {
        Appointment appointment = bookings.book(AppointmentTestData.ADMIN, plan.id(), local("15:00"), data.patient());
        data.clock.set(local("14:40"));
        long before = walkIn();
        data.clock.set(local("14:50"));

        Appointment checkedIn =
                checkIns.checkIn(AppointmentTestData.ADMIN, appointment.state().publicId());
        long after = walkIn();

        assertThat(checkedIn.state().status()).isEqualTo(AppointmentStatus.CHECKED_IN);
        assertThat(checkedIn.state().placement()).isEqualTo(Placement.BOOKED_TIME);
        long token = checkedIn.state().tokenId();
        assertThat(joinedAt(token)).isEqualTo(local("15:00"));
        // The walk-in of 14:40 stays ahead; the one who came at 14:50, after the check-in, too,
        // since the appointment's place is 15:00.
        assertThat(callOrder()).containsExactly(before, after, token);
        assertThat(jdbc.sql("SELECT reason FROM dqms.token_history WHERE token_id = :id")
                        .param("id", token)
                        .query(String.class)
                        .single())
                .contains("15:00 appointment")
                .contains("booked time");
        assertThat(jdbc.sql("SELECT channel FROM dqms.token WHERE id = :id")
                        .param("id", token)
                        .query(String.class)
                        .single())
                .isEqualTo("APPOINTMENT");
    }

    @Test
    void checkInBeforeTheWindowJoinsAsAWalkInFromTheArrival() {
        Appointment appointment = bookings.book(AppointmentTestData.ADMIN, plan.id(), local("16:00"), data.patient());
        data.clock.set(local("15:30"));
        Appointment checkedIn =
                checkIns.checkIn(AppointmentTestData.ADMIN, appointment.state().id());
        assertThat(checkedIn.state().placement()).isEqualTo(Placement.ARRIVED_EARLY);
        assertThat(joinedAt(checkedIn.state().tokenId())).isEqualTo(local("15:30"));
    }

    @Test
    void checkInAfterTheWindowJoinsAsAWalkInFromTheArrival() {
        Appointment appointment = bookings.book(AppointmentTestData.ADMIN, plan.id(), local("16:00"), data.patient());
        data.clock.set(local("16:11"));
        long earlier = walkIn();
        Appointment checkedIn =
                checkIns.checkIn(AppointmentTestData.ADMIN, appointment.state().id());
        assertThat(checkedIn.state().placement()).isEqualTo(Placement.ARRIVED_LATE);
        assertThat(joinedAt(checkedIn.state().tokenId())).isEqualTo(local("16:11"));
        assertThat(callOrder()).containsExactly(earlier, checkedIn.state().tokenId());
    }

    @Test
    void aWalkInsEstimateCountsTheAppointmentsDueBeforeItsTurn() {
        walkIn();
        walkIn();
        long mine = walkIn();
        String link = jdbc.sql("SELECT public_id::text FROM dqms.token WHERE id = :id")
                .param("id", mine)
                .query(String.class)
                .single();
        JsonNode before = estimate(link);

        bookings.book(AppointmentTestData.ADMIN, plan.id(), local("11:45"), data.patient());
        bookings.book(AppointmentTestData.ADMIN, plan.id(), local("12:00"), data.patient());
        // Due long after this patient's turn: does not count.
        bookings.book(AppointmentTestData.ADMIN, plan.id(), local("17:00"), data.patient());
        JsonNode after = estimate(link);

        assertThat(before.get("inputs").get("ahead").asInt()).isEqualTo(2);
        assertThat(after.get("inputs").get("ahead").asInt()).isEqualTo(4);
        assertThat(after.get("likelyMinutes").asInt())
                .isGreaterThan(before.get("likelyMinutes").asInt());
    }

    private JsonNode estimate(String link) {
        ApiClient anyone = ApiClient.anonymous(port);
        return JSON.readTree(anyone.send(HttpRequest.newBuilder(anyone.uri("/api/v1/tokens/by-link/" + link)))
                        .body())
                .get("position")
                .get("estimate");
    }

    @Test
    void theEdgesOfTheWindowStillCountAsOnTime() {
        Appointment early = bookings.book(AppointmentTestData.ADMIN, plan.id(), local("17:00"), data.patient());
        Appointment late = bookings.book(AppointmentTestData.ADMIN, plan.id(), local("16:30"), data.patient());
        data.clock.set(local("16:45"));
        assertThat(checkIns.checkIn(AppointmentTestData.ADMIN, early.state().id())
                        .state()
                        .placement())
                .isEqualTo(Placement.BOOKED_TIME);
        data.clock.set(local("16:40"));
        assertThat(checkIns.checkIn(AppointmentTestData.ADMIN, late.state().id())
                        .state()
                        .placement())
                .isEqualTo(Placement.BOOKED_TIME);
    }

    /** Booked with a doctor who has since left the department: any of its doctors sees the patient. */
    @Test
    void aCheckInWithADoctorWhoLeftTheDepartmentIsCalledByItsOthers() {
        Department other = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        Doctor leaving = data.doctors.create(
                AppointmentTestData.ADMIN,
                new DoctorDetails("Dr Leaving", "Room L", "General", 15, Set.of(department.id(), other.id())));
        BookingPlan theirs = data.plans.create(department.id(), leaving.id(), new PlanDetails(15, 4, 0, 30));
        Appointment appointment = bookings.book(AppointmentTestData.ADMIN, theirs.id(), local("15:00"), data.patient());
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        HttpResponse<String> moved = admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/doctors/" + leaving.id()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "name",
                        "Dr Leaving",
                        "room",
                        "Room L",
                        "consultationMinutes",
                        15,
                        "departmentIds",
                        List.of(other.id()))))));
        assertThat(moved.statusCode()).isEqualTo(200);
        data.clock.set(local("14:50"));

        ApiClient reception = ApiClient.asReception(port, accounts, department.id());
        HttpResponse<String> checkedIn = reception.send(
                reception.post("/api/v1/appointments/" + appointment.state().id() + "/check-in", Map.of()));

        assertThat(checkedIn.statusCode()).isEqualTo(200);
        long token = JSON.readTree(checkedIn.body()).get("tokenId").asLong();
        ApiClient staying = ApiClient.asDoctor(port, accounts, doctor.id());
        HttpResponse<String> called =
                staying.send(staying.post("/api/v1/doctors/" + doctor.id() + "/call-next", Map.of()));
        assertThat(called.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(called.body()).get("id").asLong()).isEqualTo(token);
        assertThat(jdbc.sql("SELECT reason FROM dqms.token_history WHERE token_id = :id ORDER BY id LIMIT 1")
                        .param("id", token)
                        .query(String.class)
                        .single())
                .endsWith("; Dr Leaving no longer sees patients in this department; any of its doctors may call");
    }
}
