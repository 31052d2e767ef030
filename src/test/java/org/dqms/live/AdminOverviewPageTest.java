package org.dqms.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.FormSession;
import org.dqms.testing.FormSession.Page;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The administrators' overview: rendered on the server, live by one stream, for administrators only. */
@IntegrationTest
class AdminOverviewPageTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ApplicationContext context;

    private FormSession admin() {
        return FormSession.signIn(
                port, ApiClient.asAdmin(port, accounts).account().email(), ApiClient.PASSWORD);
    }

    @Test
    void everyDepartmentIsShownWithItsFiguresAndTheDoctorsOnDuty() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);

        Page page = admin().get("/admin");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains(department.name())
                .contains("data-department=\"" + department.id() + "\"")
                .contains("Open")
                .contains("Nobody is being called.")
                .contains(doctor.name())
                .contains("On duty")
                .contains("aria-live=\"polite\"")
                .contains("/js/admin-overview.js");
        String liveIds = page.body().replaceAll("(?s).*data-live-ids=\"([0-9,]*)\".*", "$1");
        assertThat(liveIds.split(",")).contains(Long.toString(department.id()));
    }

    @Test
    void receptionMayNotOpenTheAdminPages() {
        ApiClient reception = ApiClient.asReception(
                port, accounts, new Hospital(context).department().id());
        FormSession session = FormSession.signIn(port, reception.account().email(), ApiClient.PASSWORD);

        assertThat(session.get("/admin").status()).isEqualTo(403);
        assertThat(session.get("/admin/departments").status()).isEqualTo(403);
        assertThat(session.get("/admin/users/new").status()).isEqualTo(403);
    }

    @Test
    void aVisitorIsSentToSignInAndBack() {
        Page answer = FormSession.anonymous(port).get("/admin/doctors");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).endsWith("/sign-in?next=%2Fadmin%2Fdoctors");
    }

    @Test
    void thePagesSpeakHindi() {
        FormSession admin = admin();

        assertThat(admin.get("/admin?lang=hi").body()).contains("lang=\"hi\"").contains("अभी की कतारें");
        assertThat(admin.get("/admin/departments/new").body())
                .contains("नया विभाग")
                .contains("टोकन उपसर्ग");
    }
}
