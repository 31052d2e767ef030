package org.dqms.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Actor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Browser;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The waiting-room screen when the doctor of a called patient moves to another room. */
@IntegrationTest
class BoardRoomChangeBrowserTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    DoctorService doctors;

    @Test
    void aCalledPatientIsAnnouncedAgainWithTheRoomTheDoctorMovedTo() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        String number = LiveIssue.walkIn(ApiClient.asReception(port, accounts, department.id()), department.id());
        try (Browser board = Browser.open("http://localhost:" + port, Browser.DESKTOP)) {
            board.go("/board/" + department.id());
            board.await(WITHIN, d -> board.find("[data-upcoming]").getText().contains(number));
            PageSession console =
                    PageSession.signIn(port, Staff.doctor(accounts, doctor.id()).email(), ApiClient.PASSWORD);
            console.get("/doctor");
            console.post("/doctor/call-next", Map.of());
            board.await(WITHIN, d -> announcement(board).endsWith(", " + doctor.room()));

            doctors.update(
                    Actor.staff("test-setup"),
                    doctor.id(),
                    new DoctorDetails(
                            doctor.name(),
                            "Room 12",
                            doctor.specialization(),
                            doctor.consultationMinutes(),
                            doctor.departmentIds()));

            board.await(WITHIN, d -> board.find("[data-calling]").getText().contains("Room 12"));
            board.await(WITHIN, d -> announcement(board).endsWith(", room 12"));
            assertThat(announcement(board)).startsWith("Token ");
            assertThat(board.find("[data-calling]").getText()).doesNotContain(doctor.room());
        }
    }

    private static String announcement(Browser board) {
        String said = board.find("[data-board]").getAttribute("data-last-announcement");
        return said == null ? "" : said;
    }
}
