package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.testing.ApiClient;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A request that waits for a row lock longer than {@code dqms_app}'s {@code lock_timeout} (5 s) is
 * told to try again, 503 with {@code Retry-After}, and stores nothing. The lock is the one a join
 * naming a doctor holds on the doctor's link to its department ({@code FOR KEY SHARE}), which
 * taking that department from the doctor waits for.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LockTimeoutTest {

    private static final Actor SETUP = Actor.staff("test-setup");

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    DoctorService doctors;

    @Autowired
    DepartmentService departments;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ApplicationContext context;

    private Department kept;
    private Department left;
    private Doctor doctor;

    @BeforeEach
    void setUp() {
        Hospital hospital = new Hospital(context);
        kept = hospital.department();
        left = hospital.department();
        doctor = hospital.doctor(kept, left);
    }

    @AfterEach
    void cleanUp() {
        doctors.delete(SETUP, doctor.id());
        departments.delete(SETUP, kept.id());
        departments.delete(SETUP, left.id());
    }

    @Test
    void anApiEditThatWaitsPastTheLockTimeoutIsToldToTryAgainAndStoresNothing(CapturedOutput output) throws Exception {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        HttpResponse<String> answer;
        try (HeldTransactions joins = new HeldTransactions(transactions)) {
            joins.hold(() -> doctors.holdsServing(doctor.id(), left.id()));

            answer = admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/doctors/" + doctor.id()))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json(kept.id()))));
        }

        BusyAnswers.assertToldToTryAgain(answer);
        assertThat(answer.body()).doesNotContainIgnoringCase("lock").doesNotContain("SQL");
        assertNothingStored();
        BusyAnswers.assertLockTimeoutLoggedOnce(output);
    }

    @Test
    void aFormThatWaitsPastTheLockTimeoutGetsTheBusyPageAndStoresNothing(CapturedOutput output) throws Exception {
        PageSession admin = PageSession.signIn(
                port, ApiClient.asAdmin(port, accounts).account().email(), ApiClient.PASSWORD);
        admin.get("/admin/doctors/" + doctor.id());
        HttpResponse<String> answer;
        try (HeldTransactions joins = new HeldTransactions(transactions)) {
            joins.hold(() -> doctors.holdsServing(doctor.id(), left.id()));

            answer = admin.post(
                    "/admin/doctors/" + doctor.id(),
                    Map.of(
                            "name", "Dr Renamed",
                            "room", "R1",
                            "specialization", "General",
                            "consultationMinutes", "10",
                            "departmentIds", Long.toString(kept.id())));
        }

        BusyAnswers.assertBusyPage(answer);
        assertNothingStored();
        BusyAnswers.assertLockTimeoutLoggedOnce(output);
    }

    private static String json(long departmentId) {
        return """
                {"name": "Dr Renamed", "room": "R1", "specialization": "General",
                 "consultationMinutes": 10, "departmentIds": [%d]}""".formatted(departmentId);
    }

    /** The edit's transaction rolled back: its update of the name, made before the wait, is gone. */
    private void assertNothingStored() {
        Doctor now = doctors.get(doctor.id());
        assertThat(now.name()).isEqualTo(doctor.name());
        assertThat(now.departmentIds()).containsExactlyInAnyOrder(kept.id(), left.id());
    }
}
