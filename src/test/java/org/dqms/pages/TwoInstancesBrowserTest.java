package org.dqms.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Browser;
import org.dqms.testing.Hospital;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** Behind a load balancer: the doctor's click on instance A reaches a patient's phone on instance B. */
class TwoInstancesBrowserTest {

    private static TestPostgres postgres;

    @BeforeAll
    static void startDatabase() {
        postgres = TestPostgres.start();
        postgres.createDatabase("dqms");
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void callOnInstanceAReachesTheBrowserSubscribedOnInstanceB() {
        Map<String, String> variables =
                Map.of("DATABASE_URL", postgres.url("postgres", null, "dqms", "sslmode=disable"));
        try (RunningApp a = RunningApp.start(variables);
                RunningApp b = RunningApp.start(variables)) {
            Hospital hospital = new Hospital(a.context());
            Department department = hospital.department();
            Doctor doctor = hospital.doctor(department);
            String doctorEmail = Staff.doctor(a.context().getBean(AccountService.class), doctor.id())
                    .email();
            try (Browser patientOnB = Browser.open(b.baseUrl(), Browser.PHONE);
                    Browser doctorOnA = Browser.open(a.baseUrl(), Browser.DESKTOP)) {
                String number = BrowserScenariosTest.join(patientOnB, department);

                doctorOnA.signIn(doctorEmail, ApiClient.PASSWORD).go("/doctor");
                doctorOnA.click("[data-call-next]");

                WebElement called = patientOnB.await(BrowserScenariosTest.CALLED_WITHIN, d -> {
                    WebElement banner = patientOnB.find("[data-called]");
                    return banner.isDisplayed() ? banner : null;
                });
                assertThat(called.getText()).contains(doctor.room());
                assertThat(doctorOnA.find("[data-current-number]").getText()).isEqualTo(number);
            }
        }
    }
}
