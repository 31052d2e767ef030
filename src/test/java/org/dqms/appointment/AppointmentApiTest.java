package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.dqms.department.Department;
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

/** The appointment API over HTTP: booking with its manage link and calendar file, and its refusals. */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class AppointmentApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = AppointmentTestData.startDate();

    @LocalServerPort
    int port;

    @Autowired
    AppointmentTestData data;

    Department department;
    BookingPlan plan;
    ApiClient anyone;

    @BeforeEach
    void setUp() {
        department = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        plan = data.plan(department, 30, 1, 0);
        anyone = ApiClient.anonymous(port);
    }

    @AfterEach
    void resetClock() {
        data.clock.reset();
    }

    private Instant local(String time) {
        return AppointmentTestData.at(TODAY, time, AppointmentTestData.KOLKATA);
    }

    private HttpResponse<String> post(String path, Map<String, ?> body) {
        return anyone.send(HttpRequest.newBuilder(anyone.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpResponse<String> book(Instant startsAt, String phone) {
        return post(
                "/api/v1/booking-plans/" + plan.id() + "/appointments",
                Map.of("startsAt", startsAt.toString(), "patientName", "Kavya, \"KJ\"; Rao", "phone", phone));
    }

    @Test
    void bookingAnswersWithAManageLinkAndACalendarFile() {
        HttpResponse<String> booked = book(local("15:00"), "+919900011111");
        assertThat(booked.statusCode()).isEqualTo(201);
        JsonNode appointment = JSON.readTree(booked.body());
        String link = appointment.get("publicId").asString();
        assertThat(appointment.get("manageLink").asString()).endsWith("/a/" + link);
        assertThat(appointment.get("status").asString()).isEqualTo("BOOKED");
        assertThat(appointment.get("history").get(0).get("reason").asString()).isEqualTo("booked");
        assertThat(booked.headers().firstValue("Location")).hasValue("/api/v1/appointments/by-link/" + link);

        HttpResponse<String> ics = anyone.send(
                HttpRequest.newBuilder(anyone.uri("/api/v1/appointments/by-link/" + link + "/calendar.ics")));
        assertThat(ics.statusCode()).isEqualTo(200);
        assertThat(ics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/calendar"));
        assertThat(ics.body())
                .startsWith("BEGIN:VCALENDAR\r\n")
                .contains("UID:" + link + "@dqms\r\n")
                .contains("DTSTART:20300115T093000Z\r\n")
                .contains("DTEND:20300115T100000Z\r\n")
                .contains("SUMMARY:Appointment: " + department.name().replace(",", "\\,"))
                .contains("STATUS:CONFIRMED")
                .endsWith("END:VCALENDAR\r\n");
        assertThat(ics.body().split("\r\n"))
                .allSatisfy(line -> assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(75));
    }

    @Test
    void aFullSlotIs409AndATimeOutsideTheHoursIs422WithProblemDetails() {
        assertThat(book(local("16:00"), "+919900022222").statusCode()).isEqualTo(201);

        HttpResponse<String> full = book(local("16:00"), "+919900033333");
        assertThat(full.statusCode()).isEqualTo(409);
        assertThat(full.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(full.body()).get("reason").asString()).isEqualTo("slot-full");

        HttpResponse<String> closed = book(local("18:30"), "+919900044444");
        assertThat(closed.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(closed.body()).get("reason").asString()).isEqualTo("outside-hours");

        HttpResponse<String> invalid = post(
                "/api/v1/booking-plans/" + plan.id() + "/appointments",
                Map.of("startsAt", local("17:00").toString(), "patientName", "", "phone", "12345"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("phone").contains("patientName");
    }

    @Test
    void aChangePastTheCutOffIs409AndTheSlotsShowWhatIsFree() {
        String link = JSON.readTree(book(local("14:00"), "+919900055555").body())
                .get("publicId")
                .asString();
        data.clock.set(local("12:30"));
        HttpResponse<String> late = post(
                "/api/v1/appointments/by-link/" + link + "/reschedule",
                Map.of("startsAt", local("17:00").toString()));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(late.body()).get("reason").asString()).isEqualTo("past-cutoff");

        JsonNode slots = JSON.readTree(anyone.send(HttpRequest.newBuilder(
                        anyone.uri("/api/v1/booking-plans/" + plan.id() + "/slots?date=" + TODAY)))
                .body());
        assertThat(slots).hasSize(18);
        assertThat(slots.valueStream()
                        .filter(s -> s.get("startsAt")
                                .asString()
                                .equals(local("14:00").toString()))
                        .findFirst()
                        .orElseThrow()
                        .get("free")
                        .asInt())
                .isZero();
    }
}
