package org.dqms.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.stream.Collectors;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Browser;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Every page, in light and in dark, in English and Hindi, checked against the WCAG 2.2 A and AA
 * rules of axe-core in a real browser: labels, contrast, landmarks, names of controls, language.
 */
@IntegrationTest
class AccessibilityTest {

    private static final List<String> WCAG_AA =
            List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Test
    void publicAndStaffPagesHaveNoWcagViolationsInLightAndDark() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        String doctorEmail = Staff.doctor(accounts, doctor.id()).email();
        try (Browser browser = Browser.open("http://localhost:" + port, Browser.PHONE)) {
            String number = BrowserScenariosTest.join(browser, department);
            String tokenPage = browser.driver().getCurrentUrl();
            assertThat(number).isNotBlank();
            List<String> publicPages = List.of(
                    "/",
                    "/?lang=hi",
                    "/join/" + department.id(),
                    tokenPage,
                    "/board/" + department.id(),
                    "/board/" + department.id() + "?lang=hi",
                    "/departments/" + department.id() + "/poster",
                    "/sign-in",
                    "/t/00000000-0000-0000-0000-000000000000");
            for (String page : publicPages) {
                check(browser, page);
            }
            browser.go("/?lang=en");
            browser.signIn(doctorEmail, ApiClient.PASSWORD);
            check(browser, "/doctor");
        }
        try (Browser desk = Browser.open("http://localhost:" + port, Browser.DESKTOP)) {
            desk.signIn(Staff.reception(accounts, department.id()).email(), ApiClient.PASSWORD);
            check(desk, "/reception?department=" + department.id());
        }
        try (Browser admin = Browser.open("http://localhost:" + port, Browser.DESKTOP)) {
            admin.signIn(Staff.admin(accounts).email(), ApiClient.PASSWORD);
            for (String page : List.of(
                    "/admin",
                    "/admin/departments",
                    "/admin/departments/new",
                    "/admin/departments/" + department.id(),
                    "/admin/doctors",
                    "/admin/doctors/" + doctor.id(),
                    "/admin/doctors/new",
                    "/admin/users",
                    "/admin/users/new",
                    "/admin/notifications",
                    "/admin/analytics")) {
                check(admin, page);
            }
        }
    }

    /** The checker itself works: a picture without a text alternative is found. */
    @Test
    void checkerFindsAnImageWithoutAlternativeText() {
        try (Browser browser = Browser.open("http://localhost:" + port, Browser.PHONE)) {
            browser.go("/");
            browser.driver()
                    .executeScript("var img = document.createElement('img'); img.src = '/favicon.svg';"
                            + " document.querySelector('main').append(img);");
            Results results = new AxeBuilder().withTags(WCAG_AA).analyze(browser.driver());
            assertThat(results.getViolations()).extracting(Rule::getId).contains("image-alt");
        }
    }

    private static void check(Browser browser, String page) {
        for (String theme : List.of("light", "dark")) {
            browser.go(page);
            browser.driver().executeScript("document.documentElement.setAttribute('data-theme', arguments[0]);", theme);
            Results results = new AxeBuilder().withTags(WCAG_AA).analyze(browser.driver());
            assertThat(describe(results.getViolations()))
                    .as("WCAG violations on %s in %s", page, theme)
                    .isEmpty();
        }
    }

    private static String describe(List<Rule> violations) {
        return violations.stream()
                .map(rule -> rule.getId() + ": " + rule.getHelp() + " at "
                        + rule.getNodes().stream()
                                .map(node -> node.getTarget().toString())
                                .limit(3)
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }
}
