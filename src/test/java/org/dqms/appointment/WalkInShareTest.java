package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A busy morning, simulated through the API on a moving clock: every bookable slot is booked and
 * every appointment checks in on time, more walk-ins arrive than one doctor can see, and the doctor
 * calls a patient every 15 minutes. In every hour at least the walk-in share of the calls go to
 * walk-ins, and appointments are served too.
 */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class WalkInShareTest {

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

    @AfterEach
    void resetClock() {
        data.clock.reset();
    }

    @Test
    void walkInShareHoldsEveryHourOfABusyMorning() {
        Department department = data.department(AppointmentTestData.KOLKATA, "09:00", "13:00");
        Doctor doctor = data.doctor(department);
        BookingPlan plan = data.plan(department, 15, 1, 50);
        LocalDate day = AppointmentTestData.startDate().plusDays(1);

        List<Appointment> booked = new ArrayList<>();
        for (Slot slot : bookings.slots(plan.id(), day)) {
            if (!slot.forWalkIns()) {
                booked.add(bookings.book(AppointmentTestData.ADMIN, plan.id(), slot.startsAt(), data.patient()));
            }
        }
        assertThat(booked).hasSize(8);

        ApiClient doctorApi = ApiClient.asDoctor(port, accounts, doctor.id());
        Instant open = AppointmentTestData.at(day, "09:00", AppointmentTestData.KOLKATA);
        Map<Integer, int[]> callsPerHour = new TreeMap<>();
        Long current = null;
        for (int minute = 0; minute < 240; minute += 5) {
            Instant now = open.plus(Duration.ofMinutes(minute));
            data.clock.set(now);
            if (minute % 10 == 0) {
                walkIn(department);
            }
            for (Appointment appointment : booked) {
                if (appointment.state().startsAt().minus(Duration.ofMinutes(5)).equals(now)) {
                    checkIns.checkIn(
                            AppointmentTestData.ADMIN, appointment.state().id());
                }
            }
            if (minute % 15 == 0) {
                if (current != null) {
                    post(doctorApi, "/api/v1/tokens/" + current + "/start");
                    post(doctorApi, "/api/v1/tokens/" + current + "/complete");
                }
                HttpResponse<String> called = post(doctorApi, "/api/v1/doctors/" + doctor.id() + "/call-next");
                current = null;
                if (called.statusCode() == 200) {
                    JsonNode token = JSON.readTree(called.body());
                    current = token.get("id").asLong();
                    int[] counts = callsPerHour.computeIfAbsent(minute / 60, h -> new int[2]);
                    counts[token.get("channel").asString().equals("APPOINTMENT") ? 1 : 0]++;
                }
            }
        }

        assertThat(callsPerHour).hasSize(4);
        int appointmentsServed = 0;
        for (Map.Entry<Integer, int[]> hour : callsPerHour.entrySet()) {
            int walkIns = hour.getValue()[0];
            int appointments = hour.getValue()[1];
            assertThat(walkIns + appointments)
                    .as("calls in hour %d", hour.getKey())
                    .isEqualTo(4);
            assertThat(walkIns).as("walk-in calls in hour %d", hour.getKey()).isGreaterThanOrEqualTo(2);
            appointmentsServed += appointments;
        }
        assertThat(appointmentsServed).isPositive();
    }

    private void walkIn(Department department) {
        ApiClient patient = ApiClient.anonymous(port);
        String body = JSON.writeValueAsString(
                Map.of("patientName", "Walk In", "phone", data.patient().phone()));
        HttpResponse<String> joined =
                patient.send(HttpRequest.newBuilder(patient.uri("/api/v1/departments/" + department.id() + "/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
    }

    private static HttpResponse<String> post(ApiClient client, String path) {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).as(path + " " + response.body()).isIn(200, 204);
        return response;
    }
}
