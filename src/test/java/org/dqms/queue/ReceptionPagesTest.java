package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.accounts.UserAccount;
import org.dqms.department.Department;
import org.dqms.department.DepartmentDetails;
import org.dqms.department.DepartmentPrefix;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.dqms.testing.AllAtOnce;
import org.dqms.testing.ApiClient;
import org.dqms.testing.EventStream;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.dqms.testing.QrDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The reception desk, its walk-in form and the printed ticket, through the pages as a browser uses them. */
@IntegrationTest
class ReceptionPagesTest {

    private static final Actor SETUP = Actor.staff("test-setup");
    private static final AtomicInteger PHONES = new AtomicInteger((int) (System.nanoTime() % 10_000_000));

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    DepartmentService departments;

    @Autowired
    JoinService joins;

    @Autowired
    TokenRepository tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CallService calls;

    @Autowired
    TokenActionService actions;

    private final List<UserAccount> created = new ArrayList<>();
    private Department department;
    private PageSession desk;

    @BeforeEach
    void setUp() {
        department = new Hospital(context).department();
        desk = signIn(department);
    }

    @AfterEach
    void cleanUp() {
        created.forEach(account -> jdbc.sql("DELETE FROM dqms.app_user WHERE id = :id")
                .param("id", account.id())
                .update());
    }

    @Test
    void aWalkInThroughTheFormIsAReceptionTokenWithAPrintableTicket() {
        String phone = phone();
        desk.get("/reception?department=" + department.id());

        HttpResponse<String> issued =
                desk.post("/reception/tokens", walkIn(department, "Asha Walkin", spaced(phone), "PRIORITY"));

        assertThat(issued.statusCode()).isEqualTo(302);
        String location = issued.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/reception?department=" + department.id() + "&issued=");
        long id = Long.parseLong(location.replaceAll(".*issued=(\\d+).*", "$1"));
        Token token = tokens.find(id).orElseThrow();
        assertThat(token.channel()).isEqualTo(Channel.RECEPTION);
        assertThat(token.priority()).isEqualTo(Priority.PRIORITY);
        assertThat(token.patient().phone().value()).isEqualTo(phone);
        assertThat(token.departmentId()).isEqualTo(department.id());

        HttpResponse<String> page = desk.get(location);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(token.number().display(), "Print ticket", "/reception/tokens/" + id + "/ticket");

        HttpResponse<String> ticket = desk.get("/reception/tokens/" + id + "/ticket");
        assertThat(ticket.statusCode()).isEqualTo(200);
        assertThat(ticket.body())
                .contains(token.number().display(), department.name(), "Place in the queue: 1", "data-print")
                .doesNotContain("Asha Walkin");
        assertThat(QrDecoder.decodeSvg(ticket.body())).isEqualTo("http://localhost:" + port + "/t/" + token.publicId());
    }

    @Test
    void aBadPhoneIsRefusedNextToTheFieldAndNothingIsCreated() {
        desk.get("/reception?department=" + department.id());

        HttpResponse<String> refused =
                desk.post("/reception/tokens", walkIn(department, "Ravi Badphone", "98123", "NORMAL"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("id=\"phone-error\"", "Enter the phone with its country code, e.g. +919812345678.")
                .contains("aria-invalid=\"true\"")
                .contains("value=\"Ravi Badphone\"");
        assertThat(tokensIn(department)).isZero();
    }

    @Test
    void aClosedDepartmentSaysSoWith409() {
        Department closed = departments.create(
                SETUP,
                new DepartmentDetails(
                        department.name() + " closed",
                        new DepartmentPrefix(department.prefix().value().substring(1) + "Z"),
                        ZoneId.of("Asia/Kolkata"),
                        10,
                        30));
        PageSession closedDesk = signIn(closed);
        closedDesk.get("/reception?department=" + closed.id());

        HttpResponse<String> refused =
                closedDesk.post("/reception/tokens", walkIn(closed, "Closed Patient", phone(), "NORMAL"));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("No token was issued.", "is closed");
        assertThat(tokensIn(closed)).isZero();
    }

    @Test
    void receptionOfAnotherDepartmentIsRefused() {
        Department other = new Hospital(context).department();
        Token theirs = join(other, "Other Patient");
        desk.get("/reception?department=" + department.id());

        assertThat(desk.get("/reception?department=" + other.id()).statusCode()).isEqualTo(403);
        assertThat(desk.get("/reception/departments/" + other.id() + "/queue").statusCode())
                .isEqualTo(403);
        assertThat(desk.get("/reception/tokens/" + theirs.id() + "/ticket").statusCode())
                .isEqualTo(403);
        desk.get("/reception?department=" + department.id());
        assertThat(desk.post(
                                "/reception/tokens",
                                Map.of(
                                        "department",
                                        Long.toString(other.id()),
                                        "patientName",
                                        "Sneaky Walkin",
                                        "phone",
                                        phone(),
                                        "priority",
                                        "NORMAL"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(desk.post("/reception/tokens/" + theirs.id() + "/cancel", Map.of("reason", "no"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(tokensIn(other)).isEqualTo(1);
        assertThat(tokens.find(theirs.id()).orElseThrow().status()).isEqualTo(TokenStatus.WAITING);
    }

    @Test
    void aPageVisitorWithoutSessionIsSentToSignIn() {
        HttpResponse<String> page = PageSession.anonymous(port).get("/reception");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).contains("/sign-in?next="));
    }

    @Test
    void aWaitingTokenIsCancelledFromTheQueue() {
        Token token = join(department, "Meena Cancelme");
        HttpResponse<String> page = desk.get("/reception?department=" + department.id());
        assertThat(page.body()).contains("Meena Cancelme", "/reception/tokens/" + token.id() + "/cancel");

        HttpResponse<String> cancelled =
                desk.post("/reception/tokens/" + token.id() + "/cancel", Map.of("reason", "left the hospital"));

        assertThat(cancelled.statusCode()).isEqualTo(302);
        assertThat(cancelled.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to)
                        .endsWith("/reception?department=" + department.id() + "&cancelled=" + token.id()));
        assertThat(tokens.find(token.id()).orElseThrow().status()).isEqualTo(TokenStatus.CANCELLED);
        assertThat(tokens.history(token.id()).get(1).reason()).isEqualTo("left the hospital");
        assertThat(desk.get("/reception?department=" + department.id() + "&cancelled=" + token.id())
                        .body())
                .contains("Token " + token.number().display() + " is cancelled.")
                .doesNotContain("Meena Cancelme");
    }

    @Test
    void aTokenADoctorCalledSinceTheDeskListedItIsNotCancelledAndTheDeskSaysSo() {
        Doctor doctor = new Hospital(context).doctor(department);
        Token token = join(department, "Ravi Calledmeanwhile");
        assertThat(desk.get("/reception?department=" + department.id()).body())
                .contains("/reception/tokens/" + token.id() + "/cancel");
        calls.callNext(SETUP, doctor.id());

        HttpResponse<String> refused =
                desk.post("/reception/tokens/" + token.id() + "/cancel", Map.of("reason", "left the hospital"));

        assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying(to ->
                        assertThat(to).endsWith("/reception?department=" + department.id() + "&stale=" + token.id()));
        assertThat(tokens.find(token.id()).orElseThrow().status()).isEqualTo(TokenStatus.CALLED);
        assertThat(desk.get("/reception?department=" + department.id() + "&stale=" + token.id())
                        .body())
                .contains("Token " + token.number().display() + " was not cancelled: it is called now.");
    }

    /**
     * Reception cancels a waiting token while its doctor calls the next patient, many times over:
     * each time exactly one of them has the token, and the other is told.
     */
    @Test
    void aCancelAtTheDeskAndACallAtTheSameMomentNeverBothHaveTheToken() throws Exception {
        Doctor doctor = new Hospital(context).doctor(department);
        desk.get("/reception?department=" + department.id());
        int calledFirst = 0;
        for (int round = 0; round < 12; round++) {
            Token token = join(department, "Round " + round);
            Map<String, String> outcomes = AllAtOnce.run(
                    List.of("desk", "doctor"),
                    who -> who.equals("desk")
                            ? desk.post("/reception/tokens/" + token.id() + "/cancel", Map.of())
                                    .headers()
                                    .firstValue("Location")
                                    .orElseThrow()
                            : calls.callNext(SETUP, doctor.id())
                                    .map(called -> "called " + called.id())
                                    .orElse("nobody"));

            TokenStatus status = tokens.find(token.id()).orElseThrow().status();
            if (outcomes.get("doctor").equals("called " + token.id())) {
                calledFirst++;
                assertThat(status).as("round %d", round).isEqualTo(TokenStatus.CALLED);
                assertThat(outcomes.get("desk")).as("round %d", round).endsWith("&stale=" + token.id());
                actions.markNoShow(SETUP, token.id(), "test round over", TokenActionService.ANYONE);
            } else {
                assertThat(outcomes.get("doctor")).as("round %d", round).isEqualTo("nobody");
                assertThat(status).as("round %d", round).isEqualTo(TokenStatus.CANCELLED);
                assertThat(outcomes.get("desk")).as("round %d", round).endsWith("&cancelled=" + token.id());
            }
        }
        System.out.printf("cancel against call: the doctor called first in %d of 12 rounds%n", calledFirst);
    }

    @Test
    void aCancelWithoutTheCsrfFieldIsRefused() {
        Token token = join(department, "Kiran Nocsrf");
        PageSession fresh = signIn(department);

        HttpResponse<String> refused = fresh.post("/reception/tokens/" + token.id() + "/cancel", Map.of());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(tokens.find(token.id()).orElseThrow().status()).isEqualTo(TokenStatus.WAITING);
    }

    @Test
    void theQueueFragmentListsNamesWhileThePublicStreamCarriesNone() {
        Token first = join(department, "Lata Firstinline");
        Token second = join(department, "Sunil Secondinline");

        HttpResponse<String> fragment = desk.get("/reception/departments/" + department.id() + "/queue");

        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body())
                .doesNotContain("<html", "<main")
                .contains("Lata Firstinline", "Sunil Secondinline", "Waiting: 2")
                .containsSubsequence(first.number().display(), second.number().display());
        try (EventStream stream = EventStream.open(desk.uri("/api/v1/live/departments/" + department.id()))) {
            EventStream.Event queue = stream.await(
                    e -> e.name().equals("queue")
                            && e.data().contains(second.number().display()),
                    Duration.ofSeconds(10));
            assertThat(queue.data()).doesNotContain("Lata", "Sunil", "Firstinline", "Secondinline");
        }
    }

    @Test
    void theDeskPageWatchesTheLiveStreamAndKeepsTheSession() {
        HttpResponse<String> page = desk.get("/reception");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-keep-session", "aria-live=\"polite\"", "/js/reception.js")
                .contains("data-stream=\"/api/v1/live/departments/" + department.id() + "\"")
                .contains("data-fragment=\"/reception/departments/" + department.id() + "/queue\"");
    }

    @Test
    void theDeskAndTicketSpeakHindi() {
        Token token = join(department, "Geeta Hindi");

        HttpResponse<String> page = desk.get("/reception?department=" + department.id() + "&lang=hi");
        HttpResponse<String> ticket = desk.get("/reception/tokens/" + token.id() + "/ticket?lang=hi");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("नया वॉक-इन मरीज़", "प्रतीक्षा में: 1", "Geeta Hindi");
        assertThat(ticket.statusCode()).isEqualTo(200);
        assertThat(ticket.body())
                .contains("कतार टिकट", "कतार में स्थान: 1", token.number().display());
    }

    @Test
    void anAdministratorPicksAmongAllDepartments() {
        Department other = new Hospital(context).department();
        UserAccount admin =
                accounts.createStaff(SETUP, email(), "Test Admin", Role.ADMIN, Set.of(), null, ApiClient.PASSWORD);
        created.add(admin);
        PageSession adminDesk = PageSession.signIn(port, admin.email(), ApiClient.PASSWORD);

        HttpResponse<String> page = adminDesk.get("/reception?department=" + other.id());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(department.name(), other.name(), "Reception: " + other.name());
    }

    private PageSession signIn(Department of) {
        UserAccount account = accounts.createStaff(
                SETUP, email(), "Test Reception", Role.RECEPTION, Set.of(of.id()), null, ApiClient.PASSWORD);
        created.add(account);
        return PageSession.signIn(port, account.email(), ApiClient.PASSWORD);
    }

    private Token join(Department to, String name) {
        return joins.join(
                        SETUP,
                        to.id(),
                        new JoinCommand(name, new PhoneNumber(phone()), null, null, Channel.WEB, Priority.NORMAL),
                        Optional.empty())
                .token();
    }

    private static Map<String, String> walkIn(Department to, String name, String phone, String priority) {
        return Map.of(
                "department",
                Long.toString(to.id()),
                "patientName",
                name,
                "phone",
                phone,
                "email",
                "",
                "priority",
                priority,
                "preferredDoctorId",
                "");
    }

    private long tokensIn(Department of) {
        return jdbc.sql("SELECT count(*) FROM dqms.token WHERE department_id = :id")
                .param("id", of.id())
                .query(Long.class)
                .single();
    }

    private static String phone() {
        return "+9197" + String.format("%08d", PHONES.incrementAndGet() % 100_000_000);
    }

    /** The number as staff type it from a form: with spaces. */
    private static String spaced(String phone) {
        return phone.substring(0, 3) + " " + phone.substring(3, 8) + " " + phone.substring(8);
    }

    private static String email() {
        return "reception-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@hospital.example";
    }
}
