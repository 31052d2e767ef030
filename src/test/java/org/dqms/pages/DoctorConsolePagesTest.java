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

/** The doctor's console over plain HTTP: each button's answer, refusals included, in words. */
@IntegrationTest
class DoctorConsolePagesTest {

    private static final Pattern CURRENT = Pattern.compile("data-current-number>([^<]+)<");
    private static final Pattern START = Pattern.compile("action=\"/doctor/tokens/(\\d+)/start\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Test
    void completeAndCallNextRefusesAPatientNotYetInThenCallsTheNext() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        ApiClient reception = ApiClient.asReception(port, accounts, department.id());
        String first = LiveIssue.walkIn(reception, department.id());
        String second = LiveIssue.walkIn(reception, department.id());
        PageSession console =
                PageSession.signIn(port, Staff.doctor(accounts, doctor.id()).email(), ApiClient.PASSWORD);
        console.get("/doctor");

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
