package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The default deployment has no sender (no SMS provider, no {@code DQMS_MAIL_FROM}), so it offers
 * no channel: the join and booking pages show none and say how to follow the turn instead, and a
 * join, walk-in or booking that asks for SMS is refused naming it, never taken and left unsent.
 */
@IntegrationTest
class ChannelsWithoutSendersTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    Department department;
    PatientRequests requests;

    @BeforeEach
    void setUp() {
        department = new Hospital(context).department();
        requests = new PatientRequests(port, accounts);
    }

    @Test
    void theJoinPageOffersNoChannelAndSaysToKeepTheTokenPageOpen() {
        HttpResponse<String> page = PageSession.anonymous(port).get("/join/" + department.id());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .doesNotContain("name=\"notifications\"")
                .doesNotContain("By SMS")
                .contains("Keep your token page open to follow your turn");
    }

    @Test
    void aJoinAskingForSmsIsRefusedNamingSmsAndWhatThereIs() {
        HttpResponse<String> refused = requests.join(
                department,
                Map.of("patientName", "Asha Rao", "phone", "+919812300001", "notifications", List.of("SMS")));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = PatientRequests.json(refused);
        assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.get("detail").asString())
                .isEqualTo("notifications: SMS is not sent by this deployment; available: none");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("notifications");
        assertThat(problem.get("availableChannels").isEmpty()).isTrue();
        assertThat(tokens()).isZero();
    }

    @Test
    void aWalkInFromReceptionAskingForWhatsAppIsRefusedToo() {
        HttpResponse<String> refused = requests.walkIn(
                department,
                Map.of(
                        "patientName",
                        "Ravi Iyer",
                        "phone",
                        "+919812300002",
                        "channel",
                        "RECEPTION",
                        "notifications",
                        List.of("WHATSAPP", "SMS")));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(PatientRequests.json(refused).get("detail").asString())
                .isEqualTo("notifications: SMS, WHATSAPP are not sent by this deployment; available: none");
        assertThat(tokens()).isZero();
    }

    @Test
    void aBookingAskingForSmsIsRefusedAndTheBookingPageOffersNoReminders() {
        long plan = requests.plan(department);
        String startsAt = requests.slotTomorrow(department, plan);
        Map<String, Object> booking = new java.util.HashMap<>(
                Map.of("startsAt", startsAt, "patientName", "Kavita Rao", "phone", "+919812300003"));
        booking.put("notifications", List.of("SMS"));

        HttpResponse<String> refused = requests.book(plan, booking);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(PatientRequests.json(refused).get("detail").asString())
                .isEqualTo("notifications: SMS is not sent by this deployment; available: none");
        booking.remove("notifications");
        assertThat(requests.book(plan, booking).statusCode()).isEqualTo(201);

        HttpResponse<String> page = PageSession.anonymous(port).get("/book/" + department.id());
        assertThat(page.body())
                .doesNotContain("name=\"notifications\"")
                .contains("This hospital does not send reminders");
    }

    /** A page from before a restart that took the sender away, or a hand-made form. */
    @Test
    void aJoinFormAskingForSmsIsRefusedAndJoinsNobody() {
        HttpResponse<String> refused =
                PatientRequests.joinForm(PageSession.anonymous(port), department, "+919812300004", "c1", "SMS");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("This hospital no longer sends messages this way.");
        assertThat(tokens()).isZero();
    }

    @Test
    void theApiListsNoChannel() {
        assertThat(requests.channels()).isEmpty();
    }

    private int tokens() {
        return jdbc.sql("SELECT count(*) FROM dqms.token WHERE department_id = :id")
                .param("id", department.id())
                .query(Integer.class)
                .single();
    }
}
