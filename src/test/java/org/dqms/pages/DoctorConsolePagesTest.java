package org.dqms.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The doctor's console over plain HTTP: each button's answer, refusals included, in words. */
@IntegrationTest
class DoctorConsolePagesTest {

    private static final Pattern CURRENT = Pattern.compile("data-current-number>([^<]+)<");
    private static final Pattern START = Pattern.compile("action=\"/doctor/tokens/(\\d+)/start\"");
    private static final Pattern COMPLETE = Pattern.compile("formaction=\"(/doctor/tokens/\\d+/complete)\"");
    private static final Pattern TRANSFER = Pattern.compile("action=\"(/doctor/tokens/\\d+/transfer)\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void completeAndCallNextRefusesAPatientNotYetInThenCallsTheNext() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        ApiClient reception = ApiClient.asReception(port, accounts, department.id());
        String first = LiveIssue.walkIn(reception, department.id());
        String second = LiveIssue.walkIn(reception, department.id());
        PageSession console = consoleOf(doctor);

        String called = follow(console, console.post("/doctor/call-next", Map.of()));
        assertThat(called).contains("Next patient called.", "Called, on the way");
        assertThat(current(called)).isEqualTo(first);

        String refused = follow(console, console.post("/doctor/call-next", Map.of("completeCurrent", "true")));
        assertThat(refused).contains("That is not possible for this token any more.", "Called, on the way");
        assertThat(current(refused)).isEqualTo(first);

        Matcher start = START.matcher(refused);
        assertThat(start.find()).isTrue();
        String started = follow(console, console.post("/doctor/tokens/" + start.group(1) + "/start", Map.of()));
        assertThat(started).contains("Consultation started.", "In consultation", "data-complete-and-call-next");

        String next = follow(console, console.post("/doctor/call-next", Map.of("completeCurrent", "true")));
        assertThat(next).contains("Consultation completed; next patient called.");
        assertThat(current(next)).isEqualTo(second);
    }

    @Test
    void theDoctorsNotesAreStoredWithTheCompletionAndTooLongNotesAreRefusedInWords() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        ApiClient reception = ApiClient.asReception(port, accounts, department.id());
        LiveIssue.walkIn(reception, department.id());
        LiveIssue.walkIn(reception, department.id());
        LiveIssue.walkIn(reception, department.id());
        PageSession console = consoleOf(doctor);
        follow(console, console.post("/doctor/call-next", Map.of()));
        String first = startCurrent(console);
        assertThat(first).contains("Notes on the consultation (optional)", "maxlength=\"4000\"");

        String refused = follow(
                console,
                console.post("/doctor/call-next", Map.of("completeCurrent", "true", "notes", "x".repeat(4001))));
        assertThat(refused).contains("The notes are too long: 4,000 characters at most.", "In consultation");
        assertThat(notes(department, 1)).isNull();
        assertThat(status(department, 1)).isEqualTo("IN_CONSULTATION");

        String next = follow(
                console,
                console.post(
                        "/doctor/call-next",
                        Map.of("completeCurrent", "true", "notes", " BP 120/80, review in a week ")));
        assertThat(next).contains("Consultation completed; next patient called.");
        assertThat(notes(department, 1)).isEqualTo("BP 120/80, review in a week");

        complete(console, startCurrent(console), "Referred to cardiology");
        assertThat(status(department, 2)).isEqualTo("COMPLETED");
        assertThat(notes(department, 2)).isEqualTo("Referred to cardiology");

        follow(console, console.post("/doctor/call-next", Map.of()));
        complete(console, startCurrent(console), "   ");
        assertThat(status(department, 3)).isEqualTo("COMPLETED");
        assertThat(notes(department, 3)).isNull();
    }

    @Test
    void theDoctorTransfersThePatientInConsultationWithTheNotesOfTheConsultation() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Department cardiology = hospital.department();
        PageSession console = consoleOf(hospital.doctor(department));

        String transferred = transfer(console, department, cardiology, "ECG, then cardiology");

        assertThat(transferred).contains("Consultation completed; patient transferred.", "No patient is with you.");
        assertThat(status(department, 1)).isEqualTo("TRANSFERRED");
        assertThat(notes(department, 1)).isEqualTo("ECG, then cardiology");
        assertThat(status(cardiology, 1)).isEqualTo("WAITING");
        assertThat(jdbc.sql("SELECT to_status FROM dqms.token_history h JOIN dqms.token t ON t.id = h.token_id"
                                + " WHERE t.department_id = :department AND t.number = 1 ORDER BY h.id")
                        .param("department", department.id())
                        .query(String.class)
                        .list())
                .containsExactly("WAITING", "CALLED", "IN_CONSULTATION", "COMPLETED", "TRANSFERRED");
    }

    @Test
    void theTransferListOffersEveryDepartmentButThePatientsOwn() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Department cardiology = hospital.department();
        PageSession console = consoleOf(hospital.doctor(department));
        LiveIssue.walkIn(ApiClient.asReception(port, accounts, department.id()), department.id());
        follow(console, console.post("/doctor/call-next", Map.of()));

        String inConsultation = startCurrent(console);

        assertThat(inConsultation)
                .contains("<option value=\"" + cardiology.id() + "\"")
                .doesNotContain("<option value=\"" + department.id() + "\"");
    }

    @Test
    void aTransferToTheDoctorsOwnDepartmentIsRefusedInWordsAndTheConsultationGoesOn() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        PageSession console = consoleOf(hospital.doctor(department));

        String refused = transfer(console, department, department, "x");

        assertThat(refused).contains("Choose another department to transfer to.", "In consultation");
        assertThat(status(department, 1)).isEqualTo("IN_CONSULTATION");
        assertThat(notes(department, 1)).isNull();
    }

    @Test
    void aRecallSaysThePatientWaitsAgainAndTheRecallAfterTheLastSaysNotPresent() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        ApiClient reception = ApiClient.asReception(port, accounts, department.id());
        LiveIssue.walkIn(reception, department.id());
        PageSession console = consoleOf(doctor);

        // DQMS_QUEUE_NO_SHOW_AFTER_RECALLS is 2: two recalls put the patient back, the third ends it.
        for (int recall = 1; recall <= 2; recall++) {
            String recalled = recallCurrent(console);
            assertThat(recalled)
                    .contains("The patient is back in the queue, in the same place.")
                    .contains("No patient is with you.");
            assertThat(status(department, 1)).isEqualTo("WAITING");
        }
        String ended = recallCurrent(console);

        assertThat(ended)
                .contains("The patient was called as often as allowed and is now marked as not present.")
                .doesNotContain("back in the queue");
        assertThat(status(department, 1)).isEqualTo("NO_SHOW");
    }

    /** The doctor, signed in, on the console. */
    private PageSession consoleOf(Doctor doctor) {
        PageSession console =
                PageSession.signIn(port, Staff.doctor(accounts, doctor.id()).email(), ApiClient.PASSWORD);
        console.get("/doctor");
        return console;
    }

    /**
     * A walk-in in the department, called and in consultation; the console then transfers them with
     * the notes and returns the page after.
     */
    private String transfer(PageSession console, Department department, Department to, String notes) {
        LiveIssue.walkIn(ApiClient.asReception(port, accounts, department.id()), department.id());
        follow(console, console.post("/doctor/call-next", Map.of()));
        Matcher transfer = TRANSFER.matcher(startCurrent(console));
        assertThat(transfer.find()).isTrue();
        return follow(
                console,
                console.post(transfer.group(1), Map.of("departmentId", Long.toString(to.id()), "notes", notes)));
    }

    /** Calls the next patient and presses "Recall" for them; returns the page after. */
    private static String recallCurrent(PageSession console) {
        follow(console, console.post("/doctor/call-next", Map.of()));
        Matcher start = START.matcher(console.get("/doctor").body());
        assertThat(start.find()).isTrue();
        return follow(console, console.post("/doctor/tokens/" + start.group(1) + "/recall", Map.of()));
    }

    /** Starts the consultation of the patient the console shows as called; returns the page after. */
    private static String startCurrent(PageSession console) {
        Matcher start = START.matcher(console.get("/doctor").body());
        assertThat(start.find()).isTrue();
        return follow(console, console.post("/doctor/tokens/" + start.group(1) + "/start", Map.of()));
    }

    /** Presses "Complete" on the page, with the notes. */
    private static void complete(PageSession console, String page, String notes) {
        Matcher complete = COMPLETE.matcher(page);
        assertThat(complete.find()).isTrue();
        follow(console, console.post(complete.group(1), Map.of("notes", notes)));
    }

    private String notes(Department department, int number) {
        return column("consultation_notes", department, number);
    }

    private String status(Department department, int number) {
        return column("status", department, number);
    }

    private String column(String column, Department department, int number) {
        return jdbc.sql("SELECT " + column + " FROM dqms.token WHERE department_id = :department AND number = :number")
                .param("department", department.id())
                .param("number", number)
                .query(String.class)
                .list()
                .get(0);
    }

    /** The number of the patient the console shows with the doctor. */
    private static String current(String page) {
        Matcher number = CURRENT.matcher(page);
        assertThat(number.find()).isTrue();
        return number.group(1);
    }

    /** The page the console's redirect leads to. */
    private static String follow(PageSession session, HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = session.get(location);
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }
}
