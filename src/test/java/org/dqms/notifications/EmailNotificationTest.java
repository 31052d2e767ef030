package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Email over real SMTP (GreenMail in the test JVM): the called patient who chose email gets one
 * message naming the room; patients near their turn who chose email are told so; a patient who
 * chose no channel gets nothing.
 */
@IntegrationTest
class EmailNotificationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        TestSmtp.start(SMTP, registry);
        registry.add("DQMS_NOTIFY_POLL_INTERVAL", () -> "50ms");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Test
    void calledAndNearPatientsGetOneEmailEach() throws Exception {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        join(department, "first@patients.example", "+919876600001", List.of("EMAIL"));
        join(department, "second@patients.example", "+919876600002", List.of("EMAIL"));
        join(department, "silent@patients.example", "+919876600003", List.of());

        ApiClient doctorApi = ApiClient.asDoctor(port, accounts, doctor.id());
        doctorApi.send(HttpRequest.newBuilder(doctorApi.uri("/api/v1/doctors/" + doctor.id() + "/call-next"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ours().length < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        MimeMessage[] received = ours();
        assertThat(received).hasSize(2);
        MimeMessage called = received[0].getAllRecipients()[0].toString().equals("first@patients.example")
                ? received[0]
                : received[1];
        MimeMessage near = called == received[0] ? received[1] : received[0];
        assertThat(called.getFrom()[0].toString()).isEqualTo(TestSmtp.FROM);
        assertThat(called.getSubject()).endsWith("it is your turn");
        assertThat(GreenMailUtil.getBody(called)).contains("Please go to " + doctor.room());
        assertThat(called.getHeader("Message-ID")[0]).startsWith("<called:").endsWith("@dqms>");
        assertThat(near.getAllRecipients()[0].toString()).isEqualTo("second@patients.example");
        assertThat(near.getSubject()).endsWith("your turn is near");
    }

    /** The messages of the first test, told apart by their addresses. */
    private static MimeMessage[] ours() throws jakarta.mail.MessagingException {
        java.util.List<MimeMessage> ours = new java.util.ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().endsWith("@patients.example")) {
                ours.add(message);
            }
        }
        return ours.toArray(MimeMessage[]::new);
    }

    @Test
    void aDepartmentsOwnThresholdDecidesWhoIsNear() throws Exception {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        var set = admin.send(
                HttpRequest.newBuilder(admin.uri("/api/v1/departments/" + department.id() + "/notifications"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"nearTurnAhead\":0}")));
        assertThat(set.body()).contains("\"nearTurnAhead\":0").contains("\"usesDefault\":false");
        join(department, "t1@threshold.example", "+919876610001", List.of("EMAIL"));
        join(department, "t2@threshold.example", "+919876610002", List.of("EMAIL"));
        join(department, "t3@threshold.example", "+919876610003", List.of("EMAIL"));

        ApiClient doctorApi = ApiClient.asDoctor(port, accounts, doctor.id());
        doctorApi.send(HttpRequest.newBuilder(doctorApi.uri("/api/v1/doctors/" + doctor.id() + "/call-next"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        java.util.List<String> to = received("@threshold.example", 2).stream()
                .map(TestSmtp::recipient)
                .toList();
        assertThat(to).containsExactlyInAnyOrder("t1@threshold.example", "t2@threshold.example");
    }

    @Test
    void eachPatientIsToldInTheLanguageTheyJoinedIn() throws Exception {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        join(department, "hindi@language.example", "+919876620001", List.of("EMAIL"), "hi");
        join(department, "default@language.example", "+919876620002", List.of("EMAIL"), null);

        ApiClient doctorApi = ApiClient.asDoctor(port, accounts, doctor.id());
        doctorApi.send(HttpRequest.newBuilder(doctorApi.uri("/api/v1/doctors/" + doctor.id() + "/call-next"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        Map<String, String> subjects = new java.util.HashMap<>();
        for (MimeMessage message : received("@language.example", 2)) {
            subjects.put(TestSmtp.recipient(message), message.getSubject());
        }
        assertThat(subjects.get("hindi@language.example")).endsWith("आपकी बारी है");
        assertThat(subjects.get("default@language.example")).endsWith("your turn is near");
    }

    @Test
    void aLanguageDqmsDoesNotSpeakIsRefused() {
        ApiClient patient = ApiClient.anonymous(port);
        Department department = new Hospital(context).department();
        var response =
                patient.send(HttpRequest.newBuilder(patient.uri("/api/v1/departments/" + department.id() + "/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"patientName\":\"Fr\",\"phone\":\"+919876620009\",\"language\":\"fr\"}")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("language: fr is not one of [en, hi]");
    }

    /** The messages to addresses ending in {@code domain}, once {@code count} arrived (or 10 s passed). */
    private static java.util.List<MimeMessage> received(String domain, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && to(domain).size() < count) {
            Thread.sleep(50);
        }
        // Anything sent twice would arrive now.
        Thread.sleep(500);
        return to(domain);
    }

    private static java.util.List<MimeMessage> to(String domain) {
        return java.util.Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> TestSmtp.recipient(m).endsWith(domain))
                .toList();
    }

    private void join(Department department, String email, String phone, List<String> notifications) {
        join(department, email, phone, notifications, null);
    }

    private void join(Department department, String email, String phone, List<String> notifications, String language) {
        Map<String, Object> body = new java.util.HashMap<>(
                Map.of("patientName", "Email Patient", "phone", phone, "email", email, "notifications", notifications));
        if (language != null) {
            body.put("language", language);
        }
        ApiClient patient = ApiClient.anonymous(port);
        var response =
                patient.send(HttpRequest.newBuilder(patient.uri("/api/v1/departments/" + department.id() + "/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
