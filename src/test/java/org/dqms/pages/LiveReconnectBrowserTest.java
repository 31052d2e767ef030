package org.dqms.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Browser;
import org.dqms.testing.EventStream;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.TimeoutException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A page whose stream is refused (503: the instance has all the streams it allows) says it is
 * offline, and once there is room again follows the queue as before, with what it missed.
 */
@IntegrationTest
@TestPropertySource(properties = {"DQMS_LIVE_MAX_STREAMS=2", "DQMS_LIVE_HEARTBEAT=1s"})
class LiveReconnectBrowserTest {

    private static final String OFFLINE = "Connection lost; reconnecting…";
    /** The refusal, the heartbeat that finds the freed streams gone, and the page's backoff. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(45);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void refusedPagesComeBackWithWhatTheyMissedAndFollowTheQueueAgain() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        ApiClient reception = ApiClient.asReception(port, accounts, department.id());
        ApiClient doctorApi = ApiClient.asDoctor(port, accounts, doctor.id());
        URI stream = URI.create(base() + "/api/v1/live/departments/" + department.id());
        try (Browser board = Browser.open(base(), Browser.DESKTOP);
                Browser patient = Browser.open(base(), Browser.PHONE)) {
            String mine;
            try (EventStream first = EventStream.open(stream);
                    EventStream second = EventStream.open(stream)) {
                board.go("/board/" + department.id());
                mine = BrowserScenariosTest.join(patient, department);
                shows(board, "[data-connection]", OFFLINE, Duration.ofSeconds(10));
                shows(patient, "[data-connection]", OFFLINE, Duration.ofSeconds(10));
                String missed = LiveIssue.walkIn(reception, department.id());

                first.close();
                second.close();
                shows(board, "[data-upcoming]", mine + "\n" + missed, BACK_WITHIN);
            }
            shows(board, "[data-connection]", "", Duration.ofSeconds(5));
            shows(patient, "[data-connection]", "", BACK_WITHIN);

            HttpResponse<String> called =
                    doctorApi.send(doctorApi.post("/api/v1/doctors/" + doctor.id() + "/call-next", Map.of()));
            assertThat(called.statusCode()).isEqualTo(200);

            assertThat(textOnceTrue(board, "[data-calling]", t -> t.contains(mine), Duration.ofSeconds(5)))
                    .contains(mine)
                    .contains(doctor.room());
            shows(patient, "[data-called]", "Please go to " + doctor.room(), Duration.ofSeconds(5));
        }
    }

    /** Waits until the element's text is {@code text}; else fails saying what the page shows. */
    private static void shows(Browser page, String css, String text, Duration within) {
        assertThat(textOnceTrue(page, css, text::equals, within)).as(css).isEqualTo(text);
    }

    /** The element's text once it satisfies {@code wanted}, or when {@code within} has passed. */
    private static String textOnceTrue(Browser page, String css, Predicate<String> wanted, Duration within) {
        try {
            page.await(within, d -> wanted.test(page.find(css).getText()));
        } catch (TimeoutException e) {
            // The caller's assertion says what the page shows instead.
        }
        return page.find(css).getText();
    }
}
