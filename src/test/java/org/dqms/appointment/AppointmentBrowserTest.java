package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.selenium.AxeBuilder;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.testing.Browser;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** A patient on a phone books a time, moves it, and checks in on arrival. */
@IntegrationTest
@TestPropertySource(properties = {"DQMS_APPOINTMENT_CHANGE_CUTOFF=0m", "DQMS_APPOINTMENT_EARLY_WINDOW=4h"})
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

    private static String local(Department department, Slot slot) {
        return TIME.format(slot.startsAt().atZone(department.timeZone()));
    }

    private static void assertNoViolations(Browser browser) {
        assertThat(new AxeBuilder().withTags(WCAG_AA).analyze(browser.driver()).getViolations())
                .isEmpty();
    }
}
