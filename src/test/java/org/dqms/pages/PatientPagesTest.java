package org.dqms.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The patient's pages over plain HTTP: the join form, "my token", cancelling, and their errors. */
@IntegrationTest
class PatientPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    Department department;
    PageSession patient;

    @BeforeEach
    void setUp() {
        department = new Hospital(context).department();
        patient = PageSession.anonymous(port);
    }

    private int tokens() {
        return jdbc.sql("SELECT count(*) FROM dqms.token WHERE department_id = :id")
                .param("id", department.id())
                .query(Integer.class)
                .single();
    }

    private String join(String phone) {
        patient.get("/join/" + department.id());
        HttpResponse<String> joined = patient.post(
                "/join/" + department.id(),
                Map.of("patientName", "Meena Iyer", "phone", phone, "idempotencyKey", "k-" + phone));
        assertThat(joined.statusCode()).isEqualTo(302);
        return joined.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void joiningRedirectsToTheTokenPageWithNumberAndPosition() {
        String location = join("+919811100001");
        assertThat(location).matches(".*/t/[0-9a-f-]{36}");

        HttpResponse<String> page = patient.get(location);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(department.prefix().value() + "-001")
                .contains("You are next")
                .contains("aria-live=\"polite\"")
                .doesNotContain("Meena Iyer")
                .doesNotContain("9811100001");
    }

    @Test
    void submittingTheSameFormTwiceJoinsOnce() {
        String first = join("+919811100002");
        String second = patient.post(
                        "/join/" + department.id(),
                        Map.of(
                                "patientName",
                                "Meena Iyer",
                                "phone",
                                "+919811100002",
                                "idempotencyKey",
                                "k-+919811100002"))
                .headers()
                .firstValue("Location")
                .orElseThrow();
        assertThat(second).isEqualTo(first);
        assertThat(tokens()).isEqualTo(1);
    }

    @Test
    void badPhoneIsExplainedNextToTheFieldAndNothingIsCreated() {
        patient.get("/join/" + department.id());
        HttpResponse<String> refused = patient.post(
                "/join/" + department.id(), Map.of("patientName", "Meena", "phone", "98111", "idempotencyKey", "x1"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("id=\"phone-error\"")
                .contains("Enter the mobile number with the country code")
                .contains("aria-invalid=\"true\"")
                .contains("value=\"Meena\"");
        assertThat(tokens()).isZero();
    }

    @Test
    void aPatientWhoJoinsInHindiIsToldInHindi() {
        patient.get("/join/" + department.id() + "?lang=hi");
        HttpResponse<String> joined = patient.post(
                "/join/" + department.id(),
                Map.of("patientName", "Meena", "phone", "+919811100007", "idempotencyKey", "h1"));

        assertThat(joined.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT language FROM dqms.token WHERE department_id = :id")
                        .param("id", department.id())
                        .query(String.class)
                        .single())
                .isEqualTo("hi");
    }

    @Test
    void blankNameIsRefusedInHindiWhenHindiIsChosen() {
        patient.get("/join/" + department.id() + "?lang=hi");
        HttpResponse<String> refused = patient.post(
                "/join/" + department.id(),
                Map.of("patientName", " ", "phone", "+919811100003", "idempotencyKey", "x2"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("lang=\"hi\"").contains("अपना नाम लिखें");
        assertThat(tokens()).isZero();
    }

    @Test
    void samePhoneTwiceGetsItsOwnTokenBack() {
        String first = join("+919811100004");
        patient.get("/join/" + department.id());
        HttpResponse<String> again = patient.post(
                "/join/" + department.id(),
                Map.of("patientName", "Meena Iyer", "phone", "+919811100004", "idempotencyKey", "another"));
        assertThat(again.headers().firstValue("Location")).hasValue(first);
        assertThat(tokens()).isEqualTo(1);
    }

    @Test
    void cancellingFromTheTokenPageCancelsTheToken() {
        String location = join("+919811100005");
        patient.get(location);
        HttpResponse<String> cancelled = patient.post(location + "/cancel", Map.of());
        assertThat(cancelled.statusCode()).isEqualTo(302);

        assertThat(patient.get(location).body()).contains("Cancelled").doesNotContain("data-cancel-form");
        assertThat(jdbc.sql("SELECT status FROM dqms.token WHERE department_id = :id")
                        .param("id", department.id())
                        .query(String.class)
                        .single())
                .isEqualTo("CANCELLED");
    }

    @Test
    void unknownTokenLinkAndDepartmentArePagesSaying404() {
        HttpResponse<String> token = patient.get("/t/00000000-0000-0000-0000-000000000000");
        assertThat(token.statusCode()).isEqualTo(404);
        assertThat(token.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(token.body()).contains("This page does not exist");

        assertThat(patient.get("/join/987654321").statusCode()).isEqualTo(404);
        assertThat(patient.get("/join/not-a-number").statusCode()).isEqualTo(404);
    }

    @Test
    void pagesCarryTheContentSecurityPolicyAndNoInlineScript() {
        HttpResponse<String> page = patient.get("/join/" + department.id());
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(page.body()).doesNotContainPattern("<script>(?!</script>)").doesNotContain(" style=\"");
    }

    @Test
    void staffPagesSendVisitorsToSignInAndPatientsAwayFromTheConsole() {
        HttpResponse<String> anonymous = patient.get("/doctor");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/sign-in?next=%2Fdoctor"));

        PageSession reception = PageSession.signIn(
                port, Staff.reception(accounts, department.id()).email(), ApiClient.PASSWORD);
        HttpResponse<String> refused = reception.get("/doctor");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Your account may not open this page");
    }

    @Test
    void signInReturnsToThePageThatAskedAndNeverToAnotherSite() {
        String email = Staff.admin(accounts).email();
        PageSession staff = PageSession.anonymous(port);
        staff.get("/sign-in?next=//evil.example/x");
        HttpResponse<String> signedIn = staff.post(
                "/sign-in", Map.of("email", email, "password", ApiClient.PASSWORD, "next", "//evil.example/x"));
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).isEqualTo("http://localhost:" + port + "/admin"));

        PageSession wrong = PageSession.anonymous(port);
        wrong.get("/sign-in");
        HttpResponse<String> refused = wrong.post("/sign-in", Map.of("email", email, "password", "not-it"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("The email or password is wrong.").contains("value=\"" + email + "\"");
    }
}
