package org.dqms.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.DepartmentService;
import org.dqms.department.JsonApi;
import org.dqms.department.TestDepartments;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class DoctorApiTest {

    private static final String DOCTORS = "/api/v1/doctors";

    @LocalServerPort
    int port;

    @Autowired
    DepartmentService departments;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountService accounts;

    private JsonApi api;
    private final List<Long> createdDepartments = new ArrayList<>();
    private final List<Long> createdDoctors = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new JsonApi(ApiClient.asAdmin(port, accounts));
    }

    @AfterEach
    void cleanUp() {
        if (!createdDoctors.isEmpty()) {
            jdbc.sql("DELETE FROM dqms.doctor WHERE id IN (:ids)")
                    .param("ids", createdDoctors)
                    .update();
        }
        if (!createdDepartments.isEmpty()) {
            jdbc.sql("DELETE FROM dqms.department WHERE id IN (:ids)")
                    .param("ids", createdDepartments)
                    .update();
        }
    }

    private long department() {
        long id = TestDepartments.create(departments, "Ward").id();
        createdDepartments.add(id);
        return id;
    }

    private static Map<String, Object> body(String name, List<Long> departmentIds) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("room", "Room 4");
        body.put("specialization", "Cardiology");
        body.put("consultationMinutes", 15);
        body.put("departmentIds", departmentIds);
        return body;
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = body("Dr. Nair", List.of(department()));
        body.put(field, value);
        return body;
    }

    private JsonNode create(String name, List<Long> departmentIds) {
        JsonApi.Response response = api.post(DOCTORS, body(name, departmentIds));
        assertThat(response.status()).isEqualTo(201);
        createdDoctors.add(response.json().path("id").asLong());
        return response.json();
    }

    private static List<String> names(JsonNode page) {
        return page.path("content")
                .valueStream()
                .map(d -> d.path("name").asString())
                .toList();
    }

    @Test
    void createAnswers201WithTheLocationOfTheNewDoctor() {
        long cardiology = department();
        long opd = department();

        JsonApi.Response response = api.post(DOCTORS, body("Dr. Priya Nair", List.of(opd, cardiology)));

        assertThat(response.status()).isEqualTo(201);
        JsonNode doctor = response.json();
        long id = doctor.path("id").asLong();
        createdDoctors.add(id);
        assertThat(response.location()).endsWith(DOCTORS + "/" + id);
        assertThat(doctor.path("name").asString()).isEqualTo("Dr. Priya Nair");
        assertThat(doctor.path("room").asString()).isEqualTo("Room 4");
        assertThat(doctor.path("specialization").asString()).isEqualTo("Cardiology");
        assertThat(doctor.path("consultationMinutes").asInt()).isEqualTo(15);
        assertThat(doctor.path("dutyStatus").asString()).isEqualTo("OFF_DUTY");
        assertThat(doctor.path("departmentIds").valueStream().map(JsonNode::asLong))
                .containsExactly(cardiology, opd);
        assertThat(api.get(response.location()).json()).isEqualTo(doctor);
    }

    @Test
    void putUpdatesTheDoctor() {
        long first = department();
        long second = department();
        long id = create("Dr. Rao", List.of(first)).path("id").asLong();
        Map<String, Object> changed = body("Dr. A. Rao", List.of(second));
        changed.put("room", "Room 9");
        changed.put("consultationMinutes", 30);

        JsonApi.Response response = api.put(DOCTORS + "/" + id, changed);

        assertThat(response.status()).isEqualTo(200);
        JsonNode read = api.get(DOCTORS + "/" + id).json();
        assertThat(read).isEqualTo(response.json());
        assertThat(read.path("name").asString()).isEqualTo("Dr. A. Rao");
        assertThat(read.path("room").asString()).isEqualTo("Room 9");
        assertThat(read.path("consultationMinutes").asInt()).isEqualTo(30);
        assertThat(read.path("departmentIds").valueStream().map(JsonNode::asLong))
                .containsExactly(second);
    }

    @Test
    void deleteAnswers204AndTheDoctorIsGone() {
        long id = create("Dr. Gone", List.of(department())).path("id").asLong();

        assertThat(api.delete(DOCTORS + "/" + id).status()).isEqualTo(204);
        assertThat(api.get(DOCTORS + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void dutyStatusChanges() {
        long id = create("Dr. Mehta", List.of(department())).path("id").asLong();

        JsonApi.Response onBreak = api.put(DOCTORS + "/" + id + "/duty", Map.of("status", "ON_BREAK"));

        assertThat(onBreak.status()).isEqualTo(200);
        assertThat(onBreak.json().path("dutyStatus").asString()).isEqualTo("ON_BREAK");
        assertThat(api.get(DOCTORS + "/" + id).json().path("dutyStatus").asString())
                .isEqualTo("ON_BREAK");
        assertThat(api.put(DOCTORS + "/" + id + "/duty", Map.of("status", "ON_DUTY"))
                        .json()
                        .path("dutyStatus")
                        .asString())
                .isEqualTo("ON_DUTY");
    }

    @Test
    void anUnknownOrMissingDutyStatusIsABadRequest() {
        long id = create("Dr. Mehta", List.of(department())).path("id").asLong();

        assertThat(api.put(DOCTORS + "/" + id + "/duty", Map.of("status", "ASLEEP"))
                        .status())
                .isEqualTo(400);
        JsonApi.Response missing = api.put(DOCTORS + "/" + id + "/duty", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorFields()).containsExactly("status");
        assertThat(api.get(DOCTORS + "/" + id).json().path("dutyStatus").asString())
                .isEqualTo("OFF_DUTY");
    }

    @Test
    void listIsFilteredByDepartmentAndPaged() {
        long department = department();
        long other = department();
        create("Dr. C", List.of(department));
        create("Dr. A", List.of(department, other));
        create("Dr. B", List.of(department));
        create("Dr. Other", List.of(other));

        JsonNode first =
                api.get(DOCTORS + "?departmentId=" + department + "&size=2").json();
        JsonNode second = api.get(DOCTORS + "?departmentId=" + department + "&size=2&page=1")
                .json();

        assertThat(names(first)).containsExactly("Dr. A", "Dr. B");
        assertThat(first.path("totalElements").asLong()).isEqualTo(3);
        assertThat(first.path("totalPages").asLong()).isEqualTo(2);
        assertThat(names(second)).containsExactly("Dr. C");
        assertThat(names(api.get(DOCTORS + "?departmentId=" + other).json())).containsExactly("Dr. A", "Dr. Other");
    }

    @Test
    void listWithoutAFilterShowsAllDoctors() {
        long id = create("Dr. Everywhere", List.of(department())).path("id").asLong();
        long total =
                jdbc.sql("SELECT count(*) FROM dqms.doctor").query(Long.class).single();

        JsonNode page = api.get(DOCTORS + "?size=100").json();

        assertThat(page.path("totalElements").asLong()).isEqualTo(total);
        assertThat(page.path("content").valueStream().map(d -> d.path("id").asLong()))
                .contains(id);
    }

    @Test
    void missingFieldsAreListed() {
        JsonApi.Response response = api.post(DOCTORS, Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields())
                .containsExactlyInAnyOrder("name", "room", "consultationMinutes", "departmentIds");
    }

    @Test
    void consultationMinutesMustBeFrom1To240() {
        for (int minutes : new int[] {0, 241}) {
            JsonApi.Response response = api.post(DOCTORS, with("consultationMinutes", minutes));

            assertThat(response.status()).as("%d", minutes).isEqualTo(400);
            assertThat(response.errorFields()).as("%d", minutes).containsExactly("consultationMinutes");
        }
        JsonApi.Response longest = api.post(DOCTORS, with("consultationMinutes", 240));
        assertThat(longest.status()).isEqualTo(201);
        createdDoctors.add(longest.json().path("id").asLong());
    }

    @Test
    void aDoctorNeedsADepartment() {
        JsonApi.Response response = api.post(DOCTORS, with("departmentIds", List.of()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("departmentIds");
    }

    @Test
    void anUnknownDepartmentIs404() {
        long known = department();

        JsonApi.Response response = api.post(DOCTORS, body("Dr. Nowhere", List.of(known, 999999999L)));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).isEqualTo("Department 999999999 does not exist");
        assertThat(names(api.get(DOCTORS + "?departmentId=" + known).json())).isEmpty();
    }

    @Test
    void anUnknownDoctorIs404ProblemDetails() {
        JsonApi.Response response = api.get(DOCTORS + "/999999999");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).isEqualTo("Doctor 999999999 does not exist");
        assertThat(api.put(DOCTORS + "/999999999", with("name", "Dr. X")).status())
                .isEqualTo(404);
        assertThat(api.put(DOCTORS + "/999999999/duty", Map.of("status", "ON_DUTY"))
                        .status())
                .isEqualTo(404);
        assertThat(api.delete(DOCTORS + "/999999999").status()).isEqualTo(404);
    }
}
