package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.queue.QueueTestData.Api;
import org.dqms.queue.QueueTestData.Api.Response;
import org.dqms.testing.ApiClient;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A patient who waits for one doctor is called only by that doctor. When an administrator takes the
 * department from the doctor, the patient keeps their place and any of the department's doctors
 * calls them; a join for that doctor in flight meanwhile either is counted or is refused.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class DoctorLeavesDepartmentTest {

    @LocalServerPort
    int port;

    @Autowired
    QueueTestData data;

    @Autowired
    AccountService accounts;

    @Autowired
    DoctorService doctors;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private Api admin;
    private HeldTransactions held;
    private Department department;
    private Department elsewhere;
    private Doctor leaving;
    private Doctor staying;

    @BeforeEach
    void setUp() {
        admin = new Api(ApiClient.asAdmin(port, accounts), json);
        held = new HeldTransactions(transactions);
        department = data.department().create();
        elsewhere = data.department().create();
        leaving = data.doctor(department, elsewhere);
        staying = data.doctor(department);
    }

    @AfterEach
    void release() throws Exception {
        held.close();
    }

    @Test
    void aPatientWaitingForADoctorWhoLeavesIsCalledByAnother() {
        long waiting = joinFor(leaving);
        admin.send("PUT", "/api/v1/doctors/" + leaving.id(), body(leaving, department, elsewhere));
        assertThat(callNext(staying).status())
                .as("only the preferred doctor calls, while they serve the department")
                .isEqualTo(204);

        Response moved = admin.send("PUT", "/api/v1/doctors/" + leaving.id(), body(leaving, elsewhere));

        assertThat(moved.status()).isEqualTo(200);
        Response called = callNext(staying);
        assertThat(called.status()).isEqualTo(200);
        assertThat(called.body().get("id").asLong()).isEqualTo(waiting);
        JsonNode released = history(waiting).get(1);
        assertThat(released.get("from").asString()).isEqualTo("WAITING");
        assertThat(released.get("to").asString()).isEqualTo("WAITING");
        assertThat(released.get("reason").asString())
                .isEqualTo(leaving.name() + " no longer sees patients in this department; any of its doctors may call");
        assertThat(auditActions(waiting)).containsExactly("TOKEN_PREFERENCE_RELEASED", "TOKEN_CALLED");
    }

    @Test
    void aCalledPatientRecalledAfterTheirDoctorLeftIsCalledByAnother() {
        long token = joinFor(leaving);
        assertThat(callNext(leaving).status()).isEqualTo(200);
        admin.send("PUT", "/api/v1/doctors/" + leaving.id(), body(leaving, elsewhere));

        assertThat(admin.post("/api/v1/tokens/" + token + "/recall", "").status())
                .isEqualTo(200);

        Response called = callNext(staying);
        assertThat(called.status()).isEqualTo(200);
        assertThat(called.body().get("id").asLong()).isEqualTo(token);
    }

    @Test
    void aJoinInFlightForTheDoctorIsReleasedOnceItCommits() throws Exception {
        Token joined = held.holdToCommit(() -> data.join(department, preferring(leaving)));

        Future<Doctor> moved = held.submit(() -> doctors.update(QueueTestData.ADMIN, leaving.id(), details(elsewhere)));

        assertThatThrownBy(() -> moved.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        held.release();
        assertThat(moved.get(10, TimeUnit.SECONDS).departmentIds()).containsExactly(elsewhere.id());
        assertThat(data.reload(joined).preferredDoctorId()).isNull();
    }

    @Test
    void aJoinForTheDoctorWhileTheyLeaveIsRefused() throws Exception {
        held.holdToCommit(() -> doctors.update(QueueTestData.ADMIN, leaving.id(), details(elsewhere)));

        Future<Token> joined = held.submit(() -> data.join(department, preferring(leaving)));

        assertThatThrownBy(() -> joined.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        held.release();
        assertThatThrownBy(() -> joined.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .cause()
                .hasMessageContaining("does not see patients in " + department.name());
    }

    private long joinFor(Doctor doctor) {
        JoinCommand patient = data.patient();
        Response joined = new Api(port, json)
                .post(
                        "/api/v1/departments/" + department.id() + "/tokens",
                        Map.of(
                                "patientName",
                                patient.patientName(),
                                "phone",
                                patient.phone().value(),
                                "preferredDoctorId",
                                doctor.id()));
        assertThat(joined.status()).isEqualTo(201);
        return joined.body().get("id").asLong();
    }

    private JoinCommand preferring(Doctor doctor) {
        JoinCommand patient = data.patient();
        return new JoinCommand(patient.patientName(), patient.phone(), null, doctor.id(), null, null);
    }

    private Response callNext(Doctor doctor) {
        return new Api(ApiClient.asDoctor(port, accounts, doctor.id()), json)
                .post("/api/v1/doctors/" + doctor.id() + "/call-next", "");
    }

    private JsonNode history(long token) {
        return admin.get("/api/v1/tokens/" + token + "/history").body();
    }

    private List<String> auditActions(long token) {
        return jdbc.sql("SELECT action FROM dqms.audit_log WHERE target = :target ORDER BY id")
                .param("target", "token:" + token)
                .query(String.class)
                .list();
    }

    private DoctorDetails details(Department... departments) {
        Set<Long> ids =
                java.util.Arrays.stream(departments).map(Department::id).collect(java.util.stream.Collectors.toSet());
        return new DoctorDetails(leaving.name(), leaving.room(), leaving.specialization(), 10, ids);
    }

    private static Map<String, Object> body(Doctor doctor, Department... departments) {
        return Map.of(
                "name",
                doctor.name(),
                "room",
                doctor.room(),
                "specialization",
                doctor.specialization(),
                "consultationMinutes",
                doctor.consultationMinutes(),
                "departmentIds",
                java.util.Arrays.stream(departments).map(Department::id).toList());
    }
}
