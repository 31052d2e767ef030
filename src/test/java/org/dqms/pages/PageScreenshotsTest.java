package org.dqms.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.department.OpeningTime;
import org.dqms.department.WeeklyHours;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Actor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Browser;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Screenshots of every page at phone and desktop widths, on the demo hospital, for README. They go
 * to {@code target/screenshots}; {@code -Ddqms.screenshots=docs/screenshots} refreshes the ones in
 * the repository. Each must be a real picture of the page at the asked width.
 */
@IntegrationTest
// A context of its own: the demo hospital, opened all day, with nobody else's tokens.
@TestPropertySource(properties = "dqms.test.context=screenshots")
class PageScreenshotsTest {

    private static final Path OUT = Path.of(System.getProperty("dqms.screenshots", "target/screenshots"));
    private static final Actor SETUP = Actor.staff("screenshots");

    @LocalServerPort
    int port;

    @Autowired
    DepartmentService departments;

    @Autowired
    DoctorService doctors;

    @Autowired
    AccountService accounts;

    @Test
    void everyPageAtPhoneAndDesktopWidth() throws IOException {
        Department opd = departments.all().stream()
                .filter(d -> d.name().equals("General OPD"))
                .findFirst()
                .orElseThrow();
        departments.setHours(
                SETUP,
                opd.id(),
                WeeklyHours.weekly(List.of(DayOfWeek.values()), List.of(OpeningTime.of("00:00", "23:59"))));
        Doctor doctor = doctors.inDepartment(opd.id()).stream()
                .filter(d -> d.name().equals("Dr. Vikram Mehta"))
                .findFirst()
                .orElseThrow();
        String doctorEmail = Staff.doctor(accounts, doctor.id()).email();
        String base = "http://localhost:" + port;
        Files.createDirectories(OUT);

        try (Browser patient = Browser.open(base, Browser.PHONE);
                Browser staff = Browser.open(base, Browser.DESKTOP);
                Browser board = Browser.open(base, Browser.DESKTOP)) {
            both(patient, "/", "start");
            both(patient, "/join/" + opd.id(), "join");
            for (int i = 0; i < 3; i++) {
                BrowserScenariosTest.join(patient, opd);
            }
            String mine = patient.driver().getCurrentUrl();
            patient.await(
                    Duration.ofSeconds(5),
                    d -> patient.find("[data-position]").getText().contains("3"));
            save(patient, "token-waiting-phone");
            patient.go(mine + "?lang=hi");
            save(patient, "token-waiting-hindi-phone");
            patient.go(mine + "?lang=en");

            board.go("/board/" + opd.id());
            staff.signIn(doctorEmail, ApiClient.PASSWORD).go("/doctor");
            save(staff, "doctor-console-desktop");
            staff.click("[data-call-next]");
            staff.await(
                    Duration.ofSeconds(5),
                    d -> !staff.driver()
                            .findElements(org.openqa.selenium.By.cssSelector("[data-current-number]"))
                            .isEmpty());
            save(staff, "doctor-console-calling-desktop");
            board.await(
                    Duration.ofSeconds(5),
                    d -> board.find("[data-calling]").getText().contains("Room 2"));
            save(board, "board-desktop");
            board.resize(Browser.PHONE);
            save(board, "board-phone");

            // Through the first two patients to the one whose phone this is.
            for (int served = 0; served < 2; served++) {
                staff.click("form[action$='/start'] button");
                staff.click("[data-complete]");
                staff.click("[data-call-next]");
            }
            patient.await(
                    Duration.ofSeconds(5), d -> patient.find("[data-called]").isDisplayed());
            save(patient, "token-called-phone");
            patient.driver().executeScript("document.documentElement.setAttribute('data-theme', 'dark')");
            save(patient, "token-called-dark-phone");

            try (Browser desk = Browser.open(base, Browser.DESKTOP)) {
                desk.signIn(Staff.reception(accounts, opd.id()).email(), ApiClient.PASSWORD)
                        .go("/reception?department=" + opd.id());
                desk.find("input[name='patientName']").sendKeys("Ravi Kumar");
                desk.find("input[name='phone']").clear();
                desk.find("input[name='phone']").sendKeys("+919812300077");
                desk.click("form[action='/reception/tokens'] button[type=submit]");
                desk.await(Duration.ofSeconds(5), d -> d.getCurrentUrl().contains("issued="));
                save(desk, "reception-desktop");
                desk.resize(Browser.PHONE);
                save(desk, "reception-phone");
                desk.click("a[href*='/ticket']");
                save(desk, "ticket-phone");
            }
            try (Browser admin = Browser.open(base, Browser.DESKTOP)) {
                ApiClient adminApi = ApiClient.asAdmin(port, accounts);
                adminApi.send(java.net.http.HttpRequest.newBuilder(adminApi.uri("/api/v1/booking-plans"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"departmentId\":" + opd.id()
                                + ",\"plan\":{\"slotMinutes\":15,\"capacityPerSlot\":2,"
                                + "\"walkInSharePercent\":50,\"horizonDays\":14}}")));
                both(admin, "/book/" + opd.id(), "book");
                admin.signIn(Staff.admin(accounts).email(), ApiClient.PASSWORD);
                both(admin, "/admin", "admin-overview");
                both(admin, "/admin/departments/" + opd.id(), "admin-department");
                both(admin, "/admin/doctors", "admin-doctors");
                both(admin, "/admin/users", "admin-users");
                both(admin, "/admin/analytics?department=" + opd.id(), "admin-analytics");
                both(admin, "/departments/" + opd.id() + "/poster", "poster");
            }

            Browser visitor = patient;
            visitor.go("/sign-in");
            visitor.driver().executeScript("document.documentElement.setAttribute('data-theme', 'light')");
            save(visitor, "sign-in-phone");
        }
    }

    private static void both(Browser browser, String path, String name) throws IOException {
        browser.resize(Browser.DESKTOP);
        browser.go(path);
        save(browser, name + "-desktop");
        browser.resize(Browser.PHONE);
        browser.go(path);
        save(browser, name + "-phone");
    }

    private static void save(Browser browser, String name) throws IOException {
        byte[] png = browser.screenshot();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        Dimension window = browser.driver().manage().window().getSize();
        assertThat(image).as(name).isNotNull();
        assertThat(image.getWidth()).as(name).isBetween(window.getWidth() - 40, window.getWidth());
        Files.write(OUT.resolve(name + ".png"), png);
    }
}
