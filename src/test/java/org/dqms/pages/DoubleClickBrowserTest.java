package org.dqms.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Browser;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** A doctor's double click sends the console's form once: one patient called, and the console says so. */
@IntegrationTest
class DoubleClickBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aDoubleClickOnCallNextCallsOnePatientAndShowsNoRefusal() throws Exception {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        ApiClient reception = ApiClient.asReception(port, accounts, department.id());
        String first = LiveIssue.walkIn(reception, department.id());
        LiveIssue.walkIn(reception, department.id());
        try (Browser console = Browser.open("http://localhost:" + port, Browser.DESKTOP)) {
            console.signIn(Staff.doctor(accounts, doctor.id()).email(), ApiClient.PASSWORD)
                    .go("/doctor");

            // The first request waits for the lock on the tokens, as on a busy server, while the
            // second click comes: the browser then drops the first page load for the second. The
            // clicks come after the script returns, since the driver waits for a page it loads.
            try (HeldTransactions held = new HeldTransactions(transactions)) {
                held.hold(() ->
                        jdbc.sql("LOCK TABLE dqms.token IN EXCLUSIVE MODE").update());
                console.driver().executeScript("""
                        var button = document.querySelector('[data-call-next]');
                        setTimeout(function () { button.form.requestSubmit(button); }, 0);
                        setTimeout(function () { button.form.requestSubmit(button); }, 300);
                        """);
                Thread.sleep(1000);
            }

            String page = console.await(Duration.ofSeconds(10), d -> {
                String text = d.findElement(By.tagName("body")).getText();
                return text.contains("Next patient called.") || text.contains("not") ? text : null;
            });
            assertThat(page).as("the console after a double click").contains("Next patient called.");
            assertThat(console.find("[data-current-number]").getText()).isEqualTo(first);
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM dqms.token_history h JOIN dqms.token t ON t.id = h.token_id
                         WHERE t.department_id = :departmentId AND h.to_status = 'CALLED'
                        """)
                        .param("departmentId", department.id())
                        .query(Integer.class)
                        .single())
                .as("calls made")
                .isEqualTo(1);
    }
}
