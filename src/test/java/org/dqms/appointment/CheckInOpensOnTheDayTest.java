package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dqms.appointment.AppointmentTestData.inKolkata;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "I have arrived" opens on the appointment's day (or with its early window, just after midnight):
 * before, the manage link, the staff API and reception's page refuse it (409 {@code too-early})
 * without issuing a token, and the appointment can still be checked in on its day.
 */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class CheckInOpensOnTheDayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = AppointmentTestData.startDate();
    private static final LocalDate TOMORROW = TODAY.plusDays(1);

    @LocalServerPort
    int port;

    @Autowired
    AppointmentTestData data;

    @Autowired
    BookingService bookings;

    @Autowired
    AccountService accounts;

    @AfterEach
    void resetClock() {
        data.clock.reset();
    }

    private Appointment.State book(Department department, Instant startsAt) {
        BookingPlan plan = data.plan(department, 15, 2, 0);
        return bookings.book(AppointmentTestData.ADMIN, plan.id(), startsAt, data.patient())
                .state();
    }

    private HttpResponse<String> checkInByLink(UUID publicId) {
        ApiClient anyone = ApiClient.anonymous(port);
        return anyone.send(anyone.post("/api/v1/appointments/by-link/" + publicId + "/check-in", Map.of()));
    }

    private static void assertTooEarly(HttpResponse<String> response, Instant opens) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("reason").asString()).isEqualTo("too-early");
        assertThat(problem.get("earliestCheckInAt").asString()).isEqualTo(opens.toString());
    }

    @Test
    void theDayBeforeEveryWayToCheckInIsRefusedAndTheAppointmentStaysBooked() {
        Department department = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        Appointment.State a = book(department, inKolkata(TOMORROW, "10:00"));
        Instant midnight = inKolkata(TOMORROW, "00:00");
        ApiClient deskApi = ApiClient.asReception(port, accounts, department.id());
        PageSession desk = AppointmentTestData.receptionPages(port, accounts, department);

        assertTooEarly(checkInByLink(a.publicId()), midnight);
        assertTooEarly(deskApi.send(deskApi.post("/api/v1/appointments/" + a.id() + "/check-in", Map.of())), midnight);
        assertThat(desk.get("/reception/appointments?department=" + department.id() + "&date=" + TOMORROW)
                        .body())
                .contains(a.patientName())
                .doesNotContain("/reception/appointments/" + a.id() + "/check-in")
                .contains("/reception/appointments/" + a.id() + "/cancel");
        HttpResponse<String> deskPage = desk.post("/reception/appointments/" + a.id() + "/check-in", Map.of());
        assertThat(deskPage.statusCode()).isEqualTo(302);
        assertThat(deskPage.headers().firstValue("Location").orElseThrow()).endsWith("msg=appt.refused.too-early");
        assertThat(PageSession.anonymous(port).get("/a/" + a.publicId()).body())
                .doesNotContain("I have arrived")
                .contains("You can check in from Wednesday 16 January 2030, 00:00");

        Appointment.State after = bookings.find(a.id()).state();
        assertThat(after.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(after.tokenId()).isNull();

        data.clock.set(inKolkata(TOMORROW, "09:30"));
        HttpResponse<String> onTheDay = checkInByLink(a.publicId());
        assertThat(onTheDay.statusCode()).as(onTheDay.body()).isEqualTo(200);
        assertThat(JSON.readTree(onTheDay.body()).get("placement").asString()).isEqualTo("ARRIVED_EARLY");
        assertThat(PageSession.anonymous(port).get("/a/" + a.publicId()).body())
                .doesNotContain("You can check in from");
    }

    @Test
    void justAfterMidnightCheckInOpensWithTheEarlyWindow() {
        Department department = data.department(AppointmentTestData.KOLKATA, "00:00", "23:59");
        Appointment.State a = book(department, inKolkata(TOMORROW, "00:00"));
        Instant windowOpens = inKolkata(TODAY, "23:45");

        data.clock.set(inKolkata(TODAY, "23:40"));
        assertTooEarly(checkInByLink(a.publicId()), windowOpens);

        data.clock.set(inKolkata(TODAY, "23:50"));
        HttpResponse<String> inTheWindow = checkInByLink(a.publicId());
        assertThat(inTheWindow.statusCode()).as(inTheWindow.body()).isEqualTo(200);
        assertThat(JSON.readTree(inTheWindow.body()).get("placement").asString())
                .isEqualTo("BOOKED_TIME");
    }
}
