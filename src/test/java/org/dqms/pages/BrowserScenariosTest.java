package org.dqms.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Browser;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The issue's scenarios in real browsers: a patient, a doctor, reception and the waiting-room
 * screen, each in a browser of their own, none of them reloading.
 */
@IntegrationTest
class BrowserScenariosTest {

    /** What the patient's page promises: "called, room N" within 2 s of the doctor's click. */
    static final Duration CALLED_WITHIN = Duration.ofSeconds(2);

    private static final Actor SETUP = Actor.staff("test-setup");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DepartmentService departments;

    Hospital hospital;

    @BeforeEach
    void setUp() {
        hospital = new Hospital(context);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void patientJoinsInOneBrowserAndSeesTheRoomWhenTheDoctorCallsInAnother() {
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        String doctorEmail = Staff.doctor(accounts, doctor.id()).email();
        try (Browser patient = Browser.open(base(), Browser.PHONE);
                Browser doctorBrowser = Browser.open(base(), Browser.DESKTOP)) {
            String number = join(patient, department);
            assertThat(patient.find("[data-status]").getText()).isEqualTo("Waiting");
            patient.await(
                    Duration.ofSeconds(5),
                    d -> patient.find("[data-position]").getText().equals("You are next"));

            doctorBrowser.signIn(doctorEmail, ApiClient.PASSWORD).go("/doctor");
            doctorBrowser.click("[data-call-next]");

            WebElement called = patient.await(CALLED_WITHIN, d -> {
                WebElement banner = patient.find("[data-called]");
                return banner.isDisplayed() ? banner : null;
            });
            assertThat(called.getText()).isEqualTo("Please go to " + doctor.room());
            assertThat(patient.find("[data-status]").getText()).isEqualTo("Called: it is your turn");
            assertThat(doctorBrowser.find("[data-current-number]").getText()).isEqualTo(number);
        }
    }

    @Test
    void displayBoardShowsAndAnnouncesTheCalledToken() {
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        String doctorEmail = Staff.doctor(accounts, doctor.id()).email();
        try (Browser board = Browser.open(base(), Browser.DESKTOP);
                Browser patient = Browser.open(base(), Browser.PHONE);
                Browser doctorBrowser = Browser.open(base(), Browser.DESKTOP)) {
            board.go("/board/" + department.id());
            String number = join(patient, department);
            board.await(
                    Duration.ofSeconds(5),
                    d -> board.find("[data-upcoming]").getText().contains(number));

            doctorBrowser.signIn(doctorEmail, ApiClient.PASSWORD).go("/doctor");
            doctorBrowser.click("[data-call-next]");

            board.await(
                    CALLED_WITHIN, d -> board.find("[data-calling]").getText().contains(number));
            // Read at once: the list is rendered again with every change of the department.
            String row = (String) board.driver()
                    .executeScript("var li = document.querySelector('[data-calling] li');"
                            + " return li.className + '|' + li.textContent;");
            assertThat(row).contains("fresh").contains(number).contains(doctor.room());
            // "QABCD-001" is spoken as letters and a plain number: "Token Q A B C D 1, room R..."
            String prefix = number.substring(0, number.indexOf('-'));
            String room = doctor.room();
            assertThat(board.find("[data-board]").getAttribute("data-last-announcement"))
                    .isEqualTo("Token " + String.join(" ", prefix.split("")) + " "
                            + Integer.parseInt(number.substring(number.indexOf('-') + 1)) + ", " + room);
            assertThat(board.find("[data-upcoming]").getText()).doesNotContain(number);
        }
    }

    @Test
    void displayBoardSaysClosedWhileTheDepartmentIsClosedForTheDay() {
        Department department = hospital.department();
        LocalDate today = department.today(Instant.now());
        try (Browser board = Browser.open(base(), Browser.DESKTOP)) {
            board.go("/board/" + department.id());
            board.await(
                    Duration.ofSeconds(5),
                    d -> !board.find("[data-waiting]").getText().isEmpty());
            assertThat(board.find("[data-closed]").isDisplayed()).isFalse();

            departments.closeOn(SETUP, department.id(), today, "Staff training");
            WebElement closed = board.await(Duration.ofSeconds(5), d -> {
                WebElement notice = board.find("[data-closed]");
                return notice.isDisplayed() ? notice : null;
            });
            assertThat(closed.getText()).isEqualTo("Closed");

            departments.reopenOn(SETUP, department.id(), today);
            board.await(Duration.ofSeconds(5), d -> !board.find("[data-closed]").isDisplayed());
        }
    }

    /**
     * The hours are set a few seconds ahead and nothing is written when the closing time comes, yet
     * the board turns at that moment, and back at the opening time, without a reload.
     */
    @Test
    void displayBoardTurnsClosedAtClosingTimeAndOpenAtOpeningTime() {
        Department department = hospital.department(Hospital.zoneAwayFromMidnight());
        try (Browser board = Browser.open(base(), Browser.DESKTOP)) {
            board.go("/board/" + department.id());
            board.await(
                    Duration.ofSeconds(5),
                    d -> !board.find("[data-waiting]").getText().isEmpty());
            Instant closes = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
            Instant opens = closes.plusSeconds(4);
            hospital.closeBetween(department, closes, opens);
            assertThat(board.find("[data-closed]").isDisplayed()).isFalse();

            board.await(until(closes), d -> board.find("[data-closed]").isDisplayed());
            assertThat(Instant.now()).isAfterOrEqualTo(closes);
            assertThat(board.find("[data-closed]").getText()).isEqualTo("Closed");

            board.await(until(opens), d -> !board.find("[data-closed]").isDisplayed());
            assertThat(Instant.now()).isAfterOrEqualTo(opens);
        }
    }

    /** Until a moment, and the time a change takes to reach a screen after it. */
    private static Duration until(Instant moment) {
        return Duration.between(Instant.now(), moment).plus(CALLED_WITHIN);
    }

    @Test
    void tokenIssuedAtReceptionAppearsOnTheDoctorConsoleWithoutAReload() {
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        String doctorEmail = Staff.doctor(accounts, doctor.id()).email();
        ApiClient reception = ApiClient.asReception(port, accounts, department.id());
        try (Browser doctorBrowser = Browser.open(base(), Browser.DESKTOP)) {
            doctorBrowser.signIn(doctorEmail, ApiClient.PASSWORD).go("/doctor");
            assertThat(doctorBrowser.find("[data-panel-content]").getText()).contains("Nobody is waiting.");
            String marker = (String) doctorBrowser
                    .driver()
                    .executeScript("return document.querySelector('[data-panel-region]').dataset.loadedAs = 'first';");

            String number = LiveIssue.walkIn(reception, department.id());

            doctorBrowser.await(
                    CALLED_WITHIN,
                    d -> doctorBrowser.find("[data-panel-content]").getText().contains(number));
            // Same document: the panel was swapped in place, not reloaded.
            assertThat(doctorBrowser.find("[data-panel-region]").getAttribute("data-loaded-as"))
                    .isEqualTo(marker);
        }
    }

    @Test
    void theDoctorCompletesAConsultationAndCallsTheNextPatientInOneClick() {
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        String doctorEmail = Staff.doctor(accounts, doctor.id()).email();
        ApiClient reception = ApiClient.asReception(port, accounts, department.id());
        String first = LiveIssue.walkIn(reception, department.id());
        String second = LiveIssue.walkIn(reception, department.id());
        try (Browser doctorBrowser = Browser.open(base(), Browser.DESKTOP)) {
            doctorBrowser.signIn(doctorEmail, ApiClient.PASSWORD).go("/doctor");
            doctorBrowser.click("[data-call-next]");
            doctorBrowser.click("form[action$='/start'] button");
            doctorBrowser.await(
                    Duration.ofSeconds(10),
                    d -> !d.findElements(By.cssSelector("[data-complete-and-call-next]"))
                            .isEmpty());
            assertThat(doctorBrowser.find("[data-current-number]").getText()).isEqualTo(first);
            assertThat(doctorBrowser.find(".token-status").getText()).isEqualTo("In consultation");

            // Notes typed during the consultation survive the panel's refresh for a new patient.
            doctorBrowser.find("#consultation-notes").sendKeys("BP 120/80");
            LiveIssue.walkIn(reception, department.id());
            doctorBrowser.await(
                    Duration.ofSeconds(10),
                    d -> d.findElements(By.cssSelector("[data-waiting-row]")).size() == 2);
            doctorBrowser.find("#consultation-notes").sendKeys(", review in a week");
            assertThat(doctorBrowser.find("#consultation-notes").getAttribute("value"))
                    .isEqualTo("BP 120/80, review in a week");

            doctorBrowser.click("[data-complete-and-call-next]");

            doctorBrowser.await(
                    Duration.ofSeconds(10),
                    d -> doctorBrowser.find("[data-current-number]").getText().equals(second));
            assertThat(doctorBrowser.find("[role=status]").getText())
                    .isEqualTo("Consultation completed; next patient called.");
            // The doctor's words, not the patient's ("Called: it is your turn").
            assertThat(doctorBrowser.find(".token-status").getText()).isEqualTo("Called, on the way");
            assertThat(jdbc.sql("SELECT status FROM dqms.token WHERE department_id = :id ORDER BY number")
                            .param("id", department.id())
                            .query(String.class)
                            .list())
                    .containsExactly("COMPLETED", "CALLED", "WAITING");
            assertThat(jdbc.sql("SELECT consultation_notes FROM dqms.token WHERE department_id = :id AND number = 1")
                            .param("id", department.id())
                            .query(String.class)
                            .single())
                    .isEqualTo("BP 120/80, review in a week");
        }
    }

    /** Joins through the join page; returns the token number the patient's page shows. */
    static String join(Browser patient, Department department) {
        patient.go("/join/" + department.id());
        patient.find("#patientName").sendKeys("Asha Verma");
        WebElement phone = patient.find("#phone");
        phone.clear();
        phone.sendKeys("+9198" + String.format("%08d", (int) (Math.random() * 100_000_000)));
        patient.find("form button[type=submit]").click();
        patient.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().contains("/t/"));
        return patient.find(".token-number").getText();
    }
}
