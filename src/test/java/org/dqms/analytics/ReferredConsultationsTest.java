package org.dqms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A patient whose consultation is completed and who is then referred to another department was
 * seen: their token ends TRANSFERRED, but the completed consultations count them. The tokens go
 * through the API as staff move them: three consultations completed, one of them referred, and a
 * waiting patient sent elsewhere unseen.
 */
@IntegrationTest
class ReferredConsultationsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger PHONES = new AtomicInteger(8_100_000);

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ApplicationContext context;

    private Department department;
    private Doctor doctor;
    private ApiClient admin;
    private String range;

    @BeforeEach
    void consultationsOneOfThemReferred() {
        Hospital hospital = new Hospital(context);
        department = hospital.department();
        Department referredTo = hospital.department();
        doctor = hospital.doctor(department);
        admin = ApiClient.asAdmin(port, accounts);
        LocalDate today = LocalDate.now(department.timeZone());
        range = "?from=" + today + "&to=" + today;

        long referred = consult();
        consult();
        consult();
        long unseen = join();
        transfer(referred, referredTo);
        transfer(unseen, referredTo);
    }

    @Test
    void completedConsultationsIncludeTheReferred() {
        JsonNode figures = json(get("/api/v1/analytics/departments/" + department.id() + range));

        assertThat(figures.get("throughput")
                        .valueStream()
                        .mapToLong(cell -> cell.get("completed").asLong())
                        .sum())
                .isEqualTo(3);
        assertThat(figures.get("consultationMinutes").get("mean").isNull()).isFalse();
        assertThat(figures.get("outcomes").get("COMPLETED").asLong()).isEqualTo(2);
        assertThat(figures.get("outcomes").get("TRANSFERRED").asLong()).isEqualTo(2);
    }

    @Test
    void theDoctorsFiguresIncludeTheReferred() {
        JsonNode figures =
                json(get("/api/v1/analytics/departments/" + department.id() + range + "&doctorId=" + doctor.id()));

        assertThat(figures.get("throughput")
                        .valueStream()
                        .mapToLong(cell -> cell.get("completed").asLong())
                        .sum())
                .isEqualTo(3);
    }

    @Test
    void theDailyCsvCountsTheReferredAsCompletedAndTransferred() {
        HttpResponse<String> csv = get("/api/v1/analytics/departments/" + department.id() + "/days.csv" + range);

        assertThat(csv.statusCode()).isEqualTo(200);
        String[] day = csv.body().split("\r\n")[1].split(",");
        // service_date, issued, completed, no_show, cancelled, expired, transferred
        assertThat(day[1]).as("issued").isEqualTo("4");
        assertThat(day[2]).as("completed").isEqualTo("3");
        assertThat(day[6]).as("transferred").isEqualTo("2");
    }

    /** A patient joins, is called, seen and completed; their token id. */
    private long consult() {
        long token = join();
        ApiClient asDoctor = ApiClient.asDoctor(port, accounts, doctor.id());
        HttpResponse<String> called =
                asDoctor.send(asDoctor.post("/api/v1/doctors/" + doctor.id() + "/call-next", Map.of()));
        assertThat(json(called).get("id").asLong()).isEqualTo(token);
        assertThat(asDoctor.send(asDoctor.post("/api/v1/tokens/" + token + "/start", Map.of()))
                        .statusCode())
                .isEqualTo(200);
        assertThat(asDoctor.send(asDoctor.post("/api/v1/tokens/" + token + "/complete", Map.of()))
                        .statusCode())
                .isEqualTo(200);
        return token;
    }

    private long join() {
        ApiClient patient = ApiClient.anonymous(port);
        HttpResponse<String> joined = patient.send(patient.post(
                "/api/v1/departments/" + department.id() + "/tokens",
                Map.of("patientName", "Referred Patient", "phone", "+9198" + PHONES.incrementAndGet())));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        return json(joined).get("id").asLong();
    }

    private void transfer(long token, Department to) {
        HttpResponse<String> transferred =
                admin.send(admin.post("/api/v1/tokens/" + token + "/transfer", Map.of("departmentId", to.id())));
        assertThat(transferred.statusCode()).as(transferred.body()).isEqualTo(201);
    }

    private HttpResponse<String> get(String path) {
        return admin.send(HttpRequest.newBuilder(admin.uri(path)).GET());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return JSON.readTree(response.body());
    }
}
