package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.queue.QueueTestData.Api;
import org.dqms.queue.QueueTestData.Api.Response;
import org.dqms.queue.WaitQuoteRepository.WaitQuote;
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

/** The call, action, queue and position endpoints over HTTP. */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class TokenActionsApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String[] ACTIONS = {"recall", "start", "complete", "no-show", "cancel"};

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    QueueTestData data;

    @Autowired
    AccountService accounts;

    @Autowired
    DoctorService doctors;

    @Autowired
    WaitQuoteRepository quotes;

    @Autowired
    WaitQuotes waitQuotes;

    Api api;
    Department department;
    Doctor doctor;

    @BeforeEach
    void createQueue() {
        api = new Api(ApiClient.asAdmin(port, accounts), json);
        department = data.department().create();
        doctor = data.doctor(department);
    }

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    @Test
    void callNextAnswersTheCalledTokenOrNoContent() {
        assertThat(callNext(doctor).status()).isEqualTo(204);
        Token token = data.join(department);

        Response response = callNext(doctor);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("id").asLong()).isEqualTo(token.id());
        assertThat(response.body().get("status").asString()).isEqualTo("CALLED");
        assertThat(response.body().get("callReason").asString()).isEqualTo("ARRIVAL_ORDER");
        assertThat(response.body().get("doctorId").asLong()).isEqualTo(doctor.id());
        assertThat(lastHistoryLine(token).get("actor").asString()).isEqualTo("staff:doctor-" + doctor.id());
    }

    @Test
    void aBusyDoctorCannotCallAgain() {
        Token first = data.join(department);
        data.join(department);
        callNext(doctor);

        Response response = callNext(doctor);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.body().get("title").asString()).isEqualTo("Doctor busy");
        assertThat(response.body().get("activeTokenId").asLong()).isEqualTo(first.id());
    }

    @Test
    void aDoctorOffDutyCannotCall() {
        doctors.setDutyStatus(QueueTestData.ADMIN, doctor.id(), DutyStatus.OFF_DUTY);

        Response response = callNext(doctor);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().get("dutyStatus").asString()).isEqualTo("OFF_DUTY");
    }

    @Test
    void anUnknownDoctorOrTokenIsNotFound() {
        Response response = api.post("/api/v1/doctors/999999999/call-next", "");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith(PROBLEM);

        for (String action : ACTIONS) {
            assertThat(api.post("/api/v1/tokens/999999999/" + action, "").status())
                    .as(action)
                    .isEqualTo(404);
        }
        assertThat(api.post("/api/v1/tokens/999999999/call", Map.of("doctorId", doctor.id(), "reason", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/tokens/999999999/transfer", Map.of("departmentId", department.id()))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/tokens/999999999/position").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/departments/999999999/queue").status()).isEqualTo(404);
    }

    @Test
    void aConsultationGoesFromCallToCompletionWithTheStaffInTheHistory() {
        Token token = data.join(department);
        callNext(doctor);

        ApiClient nurse = ApiClient.asReception(port, accounts, department.id());
        Response started = new Api(nurse, json).post(path(token, "start"), "");
        Response completed = api.post(path(token, "complete"), Map.of("notes", "rest, fluids"));

        assertThat(started.status()).isEqualTo(200);
        assertThat(started.body().get("status").asString()).isEqualTo("IN_CONSULTATION");
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.body().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(completed.body().has("consultationNotes")).isFalse();
        JsonNode history = api.get("/api/v1/tokens/" + token.id() + "/history").body();
        assertThat(history.get(2).get("actor").asString())
                .isEqualTo("staff:user-" + nurse.account().id());
        assertThat(history.get(3).get("to").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void oneRequestCompletesTheConsultationAndCallsTheNextPatient() {
        Token seen = data.join(department);
        Token next = data.join(department);
        Api asDoctor = new Api(ApiClient.asDoctor(port, accounts, doctor.id()), json);
        String callNext = "/api/v1/doctors/" + doctor.id() + "/call-next";
        asDoctor.post(callNext, "");

        Response notYetIn = asDoctor.post(callNext, Map.of("completeCurrent", true));
        assertThat(notYetIn.status()).isEqualTo(409);
        assertThat(notYetIn.contentType()).startsWith(PROBLEM);
        assertThat(notYetIn.body().get("currentStatus").asString()).isEqualTo("CALLED");

        asDoctor.post(path(seen, "start"), "");
        Response notesAlone = asDoctor.post(callNext, Map.of("notes", "rest"));
        assertThat(notesAlone.status()).isEqualTo(400);
        assertThat(notesAlone.contentType()).startsWith(PROBLEM);
        assertThat(notesAlone.body().get("detail").asString()).contains("notes");

        Response called = asDoctor.post(callNext, Map.of("completeCurrent", true, "notes", "rest, fluids"));
        assertThat(called.status()).isEqualTo(200);
        assertThat(called.body().get("id").asLong()).isEqualTo(next.id());
        assertThat(called.body().get("status").asString()).isEqualTo("CALLED");
        assertThat(lastHistoryLine(seen).get("to").asString()).isEqualTo("COMPLETED");

        asDoctor.post(path(next, "start"), "");
        Response nobody = asDoctor.post(callNext, Map.of("completeCurrent", true));
        assertThat(nobody.status()).isEqualTo(204);
        assertThat(lastHistoryLine(next).get("to").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void everyActionOnATokenInTheWrongStatusIsAConflictNamingTheStatus() {
        Token waiting = data.join(department);

        for (String action : new String[] {"recall", "start", "complete", "no-show"}) {
            Response response = api.post(path(waiting, action), "");
            assertThat(response.status()).as(action).isEqualTo(409);
            assertThat(response.contentType()).as(action).startsWith(PROBLEM);
            assertThat(response.body().get("currentStatus").asString())
                    .as(action)
                    .isEqualTo("WAITING");
        }
        callNext(doctor);
        Response transfer = api.post(path(waiting, "transfer"), Map.of("departmentId", department.id()));
        assertThat(transfer.status()).isEqualTo(409);
        assertThat(transfer.body().get("currentStatus").asString()).isEqualTo("CALLED");
        Response complete = api.post(path(waiting, "complete"), "");
        assertThat(complete.body().get("currentStatus").asString()).isEqualTo("CALLED");

        api.post(path(waiting, "cancel"), Map.of("reason", "left"));
        Response call = api.post(path(waiting, "call"), Map.of("doctorId", doctor.id(), "reason", "back"));
        assertThat(call.status()).isEqualTo(409);
        assertThat(call.body().get("currentStatus").asString()).isEqualTo("CANCELLED");
        assertThat(api.post(path(waiting, "cancel"), "")
                        .body()
                        .get("currentStatus")
                        .asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void staffCallATokenOutOfOrderWithAReason() {
        data.join(department);
        Token later = data.join(department);

        Response response = api.post(path(later, "call"), Map.of("doctorId", doctor.id(), "reason", "wheelchair"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("callReason").asString()).isEqualTo("OUT_OF_ORDER");
        assertThat(lastHistoryLine(later).get("reason").asString()).isEqualTo("OUT_OF_ORDER: wheelchair");
    }

    @Test
    void badBodiesAreRejectedWithTheirFields() {
        Token token = data.join(department);

        Response noReason = api.post(path(token, "call"), Map.of("doctorId", doctor.id()));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith(PROBLEM);
        assertThat(noReason.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        Response noDoctor = api.post(path(token, "call"), Map.of("reason", "x"));
        assertThat(noDoctor.status()).isEqualTo(400);
        assertThat(noDoctor.body().get("errors").get(0).get("field").asString()).isEqualTo("doctorId");
        assertThat(api.post(path(token, "transfer"), Map.of("departmentId", -1)).status())
                .isEqualTo(400);
        assertThat(api.post(path(token, "transfer"), Map.of("reason", "nowhere"))
                        .status())
                .isEqualTo(400);
        assertThat(api.post(path(token, "recall"), "{not json").status()).isEqualTo(400);
        assertThat(api.post(path(token, "cancel"), Map.of("reason", "x".repeat(501)))
                        .status())
                .isEqualTo(400);
        // Who acts comes from the access token; without one, a staff action is refused.
        assertThat(new Api(port, json).post(path(token, "cancel"), "").status()).isEqualTo(401);
        assertThat(data.reload(token).status()).isEqualTo(TokenStatus.WAITING);
    }

    @Test
    void recallNoShowAndCancelAnswerTheChangedToken() {
        Token recalled = data.join(department);
        Token missing = data.join(department);
        Token leaving = data.join(department);

        callNext(doctor);
        Response recall = api.post(path(recalled, "recall"), Map.of("reason", "not at the door"));
        assertThat(recall.body().get("status").asString()).isEqualTo("WAITING");
        assertThat(recall.body().get("recallCount").asInt()).isEqualTo(1);

        assertThat(callNext(doctor).body().get("id").asLong()).isEqualTo(recalled.id());
        api.post(path(recalled, "start"), "");
        api.post(path(recalled, "complete"), "");
        assertThat(callNext(doctor).body().get("id").asLong()).isEqualTo(missing.id());
        Response noShow = api.post(path(missing, "no-show"), "");
        assertThat(noShow.body().get("status").asString()).isEqualTo("NO_SHOW");

        Response cancel = api.post(path(leaving, "cancel"), Map.of("reason", "went home"));
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(callNext(doctor).status()).isEqualTo(204);
    }

    @Test
    void aTransferAnswersTheNewTokenWhereItWaits() {
        Department lab = data.department().create();
        Token token = data.join(department, data.patient(Priority.PRIORITY));
        callNext(doctor);
        api.post(path(token, "start"), "");
        api.post(path(token, "complete"), "");

        Response response = api.post(path(token, "transfer"), Map.of("departmentId", lab.id(), "reason", "blood test"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode next = response.body();
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l)
                        .endsWith("/api/v1/tokens/" + next.get("id").asLong()));
        assertThat(next.get("number").asString()).isEqualTo(lab.prefix().value() + "-001");
        assertThat(next.get("priority").asString()).isEqualTo("PRIORITY");
        assertThat(next.get("previousTokenId").asLong()).isEqualTo(token.id());
        assertThat(api.get("/api/v1/tokens/" + token.id()).body().get("status").asString())
                .isEqualTo("TRANSFERRED");
    }

    @Test
    void theQueueListsWaitingTokensInCallOrder() {
        Token normal = data.join(department);
        data.clock().advance(Duration.ofMinutes(1));
        Token emergency = data.join(department, data.patient(Priority.EMERGENCY));
        data.clock().advance(Duration.ofMinutes(1));
        Token priority = data.join(department, data.patient(Priority.PRIORITY));

        Response response = api.get("/api/v1/departments/" + department.id() + "/queue");

        assertThat(response.status()).isEqualTo(200);
        JsonNode waiting = response.body().get("waiting");
        assertThat(waiting).hasSize(3);
        assertThat(waiting.get(0).get("tokenId").asLong()).isEqualTo(emergency.id());
        assertThat(waiting.get(1).get("tokenId").asLong()).isEqualTo(priority.id());
        assertThat(waiting.get(2).get("tokenId").asLong()).isEqualTo(normal.id());
        assertThat(waiting.get(2).get("position").asInt()).isEqualTo(3);
        assertThat(waiting.get(2).get("number").asString())
                .isEqualTo(normal.number().display());
        assertThat(waiting.get(0).has("patientName")).isFalse();
    }

    @Test
    void positionComesWithAnExplainedEstimateThatIsQuotedAtTheJoin() {
        data.doctor(department);
        data.join(department);
        data.join(department);
        Token third = data.join(department);

        JsonNode body = api.get("/api/v1/tokens/" + third.id() + "/position").body();

        // Two doctors on duty, 10 minutes each (no consultation yet): 2 × 10 ÷ 2 = 10, upper 2 × 15 ÷ 2.
        assertThat(body.get("position").asInt()).isEqualTo(3);
        assertThat(body.get("ahead").asInt()).isEqualTo(2);
        JsonNode estimate = body.get("estimate");
        assertThat(estimate.get("likelyMinutes").asInt()).isEqualTo(10);
        assertThat(estimate.get("upperMinutes").asInt()).isEqualTo(15);
        assertThat(estimate.get("explanation").asString()).isEqualTo("2 ahead · 2 doctors on duty · about 10 min each");
        assertThat(estimate.get("inputs").get("doctorsOnDuty").asDouble()).isEqualTo(2.0);
        waitQuotes.flush();
        assertThat(quotes.ofToken(third.id()))
                .containsExactly(new WaitQuote(third.id(), QueueTestData.START, 2, 2.0, 10.0, 10, 15));
    }

    @Test
    void theEstimateLearnsFromCompletedConsultations() {
        Token first = data.join(department);
        Token second = data.join(department);
        Token third = data.join(department);
        callNext(doctor);
        api.post(path(first, "start"), "");
        data.clock().advance(Duration.ofMinutes(20));
        api.post(path(first, "complete"), "");

        JsonNode estimate =
                api.get("/api/v1/tokens/" + third.id() + "/position").body().get("estimate");

        // 0.2 × 20 + 0.8 × 10 = 12 minutes; one ahead, one doctor, nobody being seen.
        assertThat(estimate.get("inputs").get("serviceMinutes").asDouble()).isEqualTo(12.0);
        assertThat(estimate.get("inputs").get("recentConsultations").asInt()).isEqualTo(1);
        assertThat(estimate.get("likelyMinutes").asInt()).isEqualTo(12);
        assertThat(estimate.get("explanation").asString()).isEqualTo("1 ahead · 1 doctor on duty · about 12 min each");
        assertThat(api.get("/api/v1/tokens/" + second.id() + "/position")
                        .body()
                        .get("position")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void withNoDoctorOnDutyThereIsNoNumberAndNoQuote() {
        doctors.setDutyStatus(QueueTestData.ADMIN, doctor.id(), DutyStatus.OFF_DUTY);
        data.join(department);
        Token second = data.join(department);

        JsonNode estimate =
                api.get("/api/v1/tokens/" + second.id() + "/position").body().get("estimate");

        assertThat(estimate.has("likelyMinutes")).isFalse();
        assertThat(estimate.has("upperMinutes")).isFalse();
        assertThat(estimate.get("explanation").asString()).isEqualTo("1 ahead · no doctor on duty");
        waitQuotes.flush();
        assertThat(quotes.ofToken(second.id())).isEmpty();
    }

    @Test
    void aTokenThatNoLongerWaitsHasOnlyItsStatus() {
        Token token = data.join(department);
        callNext(doctor);

        JsonNode body = api.get("/api/v1/tokens/" + token.id() + "/position").body();

        assertThat(body.get("status").asString()).isEqualTo("CALLED");
        assertThat(body.has("position")).isFalse();
        assertThat(body.has("estimate")).isFalse();
    }

    /** As the doctor themselves: only they (or an administrator) may call their next patient. */
    private Response callNext(Doctor caller) {
        return new Api(ApiClient.asDoctor(port, accounts, caller.id()), json)
                .post("/api/v1/doctors/" + caller.id() + "/call-next", "");
    }

    private static String path(Token token, String action) {
        return "/api/v1/tokens/" + token.id() + "/" + action;
    }

    private JsonNode lastHistoryLine(Token token) {
        JsonNode history = api.get("/api/v1/tokens/" + token.id() + "/history").body();
        return history.get(history.size() - 1);
    }
}
