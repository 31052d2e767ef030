package org.dqms.pages;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** A doctor's double click sends the console's form once: one patient called, and the console says so. */
@IntegrationTest
@Import(DoubleClickBrowserTest.CountedCalls.class)
class DoubleClickBrowserTest {

    /** Counts the console's call-next posts that reach the server, whatever the browser shows. */
    @TestConfiguration
    static class CountedCalls {

        static final AtomicInteger POSTS = new AtomicInteger();

        @Bean
        FilterRegistrationBean<Filter> callNextCounter() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                if (request instanceof HttpServletRequest http
                        && "POST".equals(http.getMethod())
                        && http.getRequestURI().equals("/doctor/call-next")) {
                    POSTS.incrementAndGet();
                }
                chain.doFilter(request, response);
            });
            registration.addUrlPatterns("/doctor/*");
            return registration;
        }
    }

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
        CountedCalls.POSTS.set(0);
        try (Browser console = Browser.open("http://localhost:" + port, Browser.DESKTOP)) {
            console.signIn(Staff.doctor(accounts, doctor.id()).email(), ApiClient.PASSWORD)
                    .go("/doctor");

            // The first request waits for the lock on the tokens, as on a busy server, while the
            // second click comes 300 ms later: the browser then drops the first page load for the
            // second. The lock goes after 1.5 s, whatever the driver waits for meanwhile (it may
            // wait for the page the clicks load), and well within the application's lock_timeout.
            try (HeldTransactions held = new HeldTransactions(transactions)) {
                held.hold(() ->
                        jdbc.sql("LOCK TABLE dqms.token IN EXCLUSIVE MODE").update());
                held.submit(() -> {
                    Thread.sleep(1500);
                    held.release();
                    return null;
                });
                console.driver().executeScript("""
                        var button = document.querySelector('[data-call-next]');
                        setTimeout(function () { button.form.requestSubmit(button); }, 0);
                        setTimeout(function () { button.form.requestSubmit(button); }, 300);
                        """);
                Thread.sleep(1600);
            }

            assertThat(CountedCalls.POSTS.get())
                    .as("call-next posts that reached the server")
                    .isEqualTo(1);
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
