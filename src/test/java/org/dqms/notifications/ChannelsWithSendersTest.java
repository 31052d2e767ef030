package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.dqms.testing.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an SMS gateway (on loopback) and an SMTP server (GreenMail), SMS, WhatsApp and email are
 * offered on the pages and in the API, and a join that asks for them is taken.
 */
@IntegrationTest
class ChannelsWithSendersTest {

    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static final MockWebServer SERVER = new MockWebServer();

    @DynamicPropertySource
    static void senders(DynamicPropertyRegistry registry) throws IOException {
        new ProviderStandIn("Idempotency-Key", 0)
                .serveAsGateway(SERVER, registry, "a-gateway-secret-of-at-least-32-characters");
        TestSmtp.start(SMTP, registry);
    }

    @AfterAll
    static void stopSenders() throws IOException {
        SERVER.close();
        SMTP.stop();
    }

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
    PageSession patient;

    @BeforeEach
    void setUp() {
        department = new Hospital(context).department();
        requests = new PatientRequests(port, accounts);
        patient = PageSession.anonymous(port);
    }

    @Test
    void theJoinAndBookingPagesOfferEveryChannelWithASender() {
        requests.plan(department);
        for (String page : List.of("/join/" + department.id(), "/book/" + department.id())) {
            assertThat(patient.get(page).body())
                    .as(page)
                    .contains("name=\"notifications\" value=\"SMS\"")
                    .contains("name=\"notifications\" value=\"WHATSAPP\"")
                    .contains("name=\"notifications\" value=\"EMAIL\"")
                    .doesNotContain("does not send");
        }
    }

    @Test
    void aJoinAskingForSmsIsTaken() {
        HttpResponse<String> joined = requests.join(
                department,
                Map.of("patientName", "Asha Rao", "phone", "+919812400001", "notifications", List.of("SMS")));

        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        assertThat(channels()).isEqualTo("SMS");
    }

    @Test
    void theApiListsTheChannelsWithASender() {
        assertThat(requests.channels()).containsExactly("SMS", "WHATSAPP", "EMAIL");
    }

    /** An empty value of the repeated notifications field means nothing chosen there, not a 500. */
    @Test
    void anEmptyNotificationValueJoinsWithWhatWasChosen() {
        patient.get("/join/" + department.id());
        HttpResponse<String> joined = patient.postPairs(
                "/join/" + department.id(),
                "patientName",
                "Meena Iyer",
                "phone",
                "+91 98124 00009",
                "idempotencyKey",
                "k-empty-choice",
                "notifications",
                "",
                "notifications",
                "SMS");

        assertThat(joined.statusCode()).isEqualTo(302);
        assertThat(channels()).isEqualTo("SMS");
    }

    @Test
    void theChannelsTickedAtJoinAreStoredAndEmailNeedsAnAddress() {
        HttpResponse<String> refused = PatientRequests.joinForm(patient, department, "+919812400006", "n1", "EMAIL");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Enter an email address to be told by email.");

        HttpResponse<String> joined = PatientRequests.joinForm(patient, department, "+919812400006", "n2", "SMS");
        assertThat(joined.statusCode()).isEqualTo(302);
        assertThat(channels()).isEqualTo("SMS");
    }

    /** The channels of the department's one token. */
    private String channels() {
        return jdbc.sql("SELECT array_to_string(notify_channels, ',') FROM dqms.token WHERE department_id = :id")
                .param("id", department.id())
                .query(String.class)
                .single();
    }
}
