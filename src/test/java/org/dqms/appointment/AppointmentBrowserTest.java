package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.selenium.AxeBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.dqms.department.Department;
import org.dqms.testing.Browser;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A patient on a phone books a time, moves it, and checks in on arrival. An SMS gateway is set (at
 * an address where nothing listens: no reminder falls due here) so that the page offers reminders.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "DQMS_APPOINTMENT_CHANGE_CUTOFF=0m",
            "DQMS_APPOINTMENT_EARLY_WINDOW=4h",
            "DQMS_SMS_PROVIDER=webhook",
            "DQMS_SMS_PROVIDER_URL=http://127.0.0.1:9/sms",
            "DQMS_SMS_PROVIDER_SECRET=a-gateway-secret-of-at-least-32-characters"
        })
class AppointmentBrowserTest {

    private static final List<String> WCAG_AA =
            List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    BookingPlanService plans;

    @Autowired
    BookingService bookings;

    @Autowired
    JdbcClient jdbc;

    @Test
    void booksReschedulesAndChecksIn() {
        Department department = new Hospital(context).department();
        BookingPlan plan = plans.create(department.id(), null, new PlanDetails(15, 2, 0, 14));
        List<Slot> slots = AppointmentPagesTest.upcoming(bookings, plan, department, 2);
        Slot first = slots.get(0);
        Slot second = slots.get(1);

        try (Browser browser = Browser.open("http://localhost:" + port, Browser.PHONE)) {
            browser.go(AppointmentPagesTest.bookingPage(department, first));
            assertNoViolations(browser);
            browser.click("input[value='" + first.startsAt() + "']");
            browser.find("#patientName").sendKeys("Kavita Rao");
            browser.find("#phone").clear();
            browser.find("#phone").sendKeys("+919822200001");
            browser.click("form[action='/book/" + department.id() + "'] button[type=submit]");

            browser.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().matches(".*/a/[0-9a-f-]{36}$"));
            assertThat(browser.find("[data-time]").getText()).isEqualTo(local(department, first));
            assertNoViolations(browser);

            browser.click("form[data-reschedule] input[value='" + second.startsAt() + "']");
            browser.click("form[data-reschedule] button[type=submit]");
            browser.await(
                    Duration.ofSeconds(10),
                    d -> d.findElement(By.cssSelector("[data-time]")).getText().equals(local(department, second)));
            assertThat(browser.find("[role=status]").getText()).contains("moved");

            browser.click("[data-check-in]");
            browser.await(
                    Duration.ofSeconds(10),
                    d -> !d.findElements(By.cssSelector("[data-token-number]")).isEmpty());
            assertThat(browser.find("[data-token-number]").getText())
                    .startsWith(department.prefix().value() + "-");
            assertThat(browser.find("[data-token-link]").getAttribute("href")).matches(".*/t/[0-9a-f-]{36}$");
            assertThat(browser.driver().findElements(By.cssSelector("[data-check-in]")))
                    .isEmpty();
        }
    }

    @Test
    void aRefusedBookingKeepsTheDayAndTheRemindersChosen() {
        Department department = new Hospital(context).department();
        BookingPlan plan = plans.create(department.id(), null, new PlanDetails(15, 2, 0, 14));
        LocalDate day = department.today(Instant.now()).plusDays(2);
        Slot slot = bookings.slots(plan.id(), day).stream()
                .filter(s -> !s.forWalkIns())
                .findFirst()
                .orElseThrow();
        String form = "form[action='/book/" + department.id() + "'] ";

        try (Browser browser = Browser.open("http://localhost:" + port, Browser.PHONE)) {
            browser.go("/book/" + department.id() + "?date=" + day);
            browser.click("input[name=notifications][value=SMS]");
            browser.click("input[name=notifications][value=WHATSAPP]");
            browser.find("#patientName").sendKeys("Kavita Rao");
            browser.find("#phone").clear();
            browser.find("#phone").sendKeys("98222");
            browser.click(form + "button[type=submit]");

            // No time chosen: the page comes back on the same day, the boxes still ticked.
            browser.await(
                    Duration.ofSeconds(10),
                    d -> !d.findElements(By.id("startsAt-error")).isEmpty());
            assertThat(browser.find(".day-picker [aria-current=date]").getAttribute("href"))
                    .endsWith("date=" + day);
            assertThat(browser.driver().findElements(By.cssSelector("input[value='" + slot.startsAt() + "']")))
                    .hasSize(1);
            assertThat(ticked(browser)).containsExactly("SMS", "WHATSAPP");

            browser.click("input[value='" + slot.startsAt() + "']");
            browser.click(form + "button[type=submit]");
            browser.await(
                    Duration.ofSeconds(10),
                    d -> !d.findElements(By.id("phone-error")).isEmpty());
            assertThat(ticked(browser)).containsExactly("SMS", "WHATSAPP");

            browser.find("#phone").clear();
            browser.find("#phone").sendKeys("+919822200002");
            browser.click(form + "button[type=submit]");
            browser.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().matches(".*/a/[0-9a-f-]{36}$"));
            String url = browser.driver().getCurrentUrl();
            UUID publicId = UUID.fromString(url.substring(url.lastIndexOf('/') + 1));
            assertThat(bookings.find(publicId).state().startsAt()).isEqualTo(slot.startsAt());
            assertThat(jdbc.sql("SELECT array_to_string(notify_channels, ',') FROM dqms.appointment"
                                    + " WHERE public_id = :id")
                            .param("id", publicId)
                            .query(String.class)
                            .single())
                    .isEqualTo("SMS,WHATSAPP");
        }
    }

    private static List<String> ticked(Browser browser) {
        return browser.driver().findElements(By.cssSelector("input[name=notifications]:checked")).stream()
                .map(box -> box.getAttribute("value"))
                .toList();
    }

    private static String local(Department department, Slot slot) {
        return TIME.format(slot.startsAt().atZone(department.timeZone()));
    }

    private static void assertNoViolations(Browser browser) {
        assertThat(new AxeBuilder().withTags(WCAG_AA).analyze(browser.driver()).getViolations())
                .isEmpty();
    }
}
