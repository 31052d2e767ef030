package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.department.WeeklyHours;
import org.dqms.platform.Actor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Appointment reminders, the day before and the hour before, once each, with the manage link. */
@IntegrationTest
class ReminderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MockWebServer SERVER = new MockWebServer();
    private static final ProviderStandIn PROVIDER = new ProviderStandIn("Idempotency-Key", 0);

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) throws IOException {
        PROVIDER.serveAsGateway(SERVER, registry, "reminder-webhook-secret-of-32-characters");
        registry.add("DQMS_PUBLIC_URL", () -> "https://queue.hospital.example");
    }

    @AfterAll
    static void stop() throws IOException {
        SERVER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    ReminderJob reminders;

    @Autowired
    DepartmentService departments;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void dayAndHourRemindersGoOutOnceEachWithTheManageLink() throws Exception {
        Department department = new Hospital(context).department();
        long plan = plan(department);
        Instant now = Instant.now();
        String dayLink = book(
                plan,
                slotBetween(plan, now.plus(Duration.ofHours(23)), now.plus(Duration.ofHours(24))),
                "+919877000001");
        String hourLink = book(
                plan,
                slotBetween(plan, now.plus(Duration.ofMinutes(46)), now.plus(Duration.ofMinutes(59))),
                "+919877000002");

        // The job's own round may have stored them already; either way there are two, once each.
        reminders.remind(now);
        assertThat(reminders.remind(now)).isZero();
        assertThat(reminderRows(dayLink)).isEqualTo(1);
        assertThat(reminderRows(hourLink)).isEqualTo(1);

        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> texts = delivered(dayLink, hourLink);
        while (texts.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            texts = delivered(dayLink, hourLink);
        }
        assertThat(texts).hasSize(2);
        assertThat(texts)
                .anySatisfy(t -> assertThat(t)
                        .startsWith("Reminder: your appointment at " + department.name())
                        .endsWith("https://queue.hospital.example/a/" + dayLink));
        assertThat(texts).anySatisfy(t -> assertThat(t).endsWith("https://queue.hospital.example/a/" + hourLink));
    }

    /** Moved after its reminder went out, an appointment is reminded again of its new time. */
    @Test
    void anAppointmentMovedAfterItsReminderIsRemindedOfTheNewTime() throws Exception {
        long plan = plan(new Hospital(context).department());
        Instant now = Instant.now();
        Instant first = slotBetween(plan, now.plus(Duration.ofHours(23)), now.plus(Duration.ofMinutes(23 * 60 + 30)));
        String link = book(plan, first, "+919877000011");
        reminders.remind(now);
        assertThat(reminderRows(link)).isEqualTo(1);

        Instant moved = slotBetween(plan, first.plus(Duration.ofMinutes(10)), now.plus(Duration.ofHours(24)));
        ApiClient patient = ApiClient.anonymous(port);
        HttpResponse<String> rescheduled = patient.send(patient.post(
                "/api/v1/appointments/by-link/" + link + "/reschedule", Map.of("startsAt", moved.toString())));
        assertThat(rescheduled.statusCode()).as(rescheduled.body()).isEqualTo(200);

        reminders.remind(now);
        assertThat(reminderRows(link)).isEqualTo(2);
        assertThat(reminders.remind(now)).isZero();
    }

    /**
     * A date closed after the booking: the reminders say the department will be closed then, the
     * day before with the manage link, where the time can still be moved, and the hour before with
     * the booking page, since the appointment can no longer be moved then.
     */
    @Test
    void aPatientBookedOnADateClosedSinceIsToldNotToComeInsteadOfReminded() throws Exception {
        Department department = new Hospital(context).department();
        long plan = plan(department);
        Instant now = Instant.now();
        Instant dayAhead = slotBetween(plan, now.plus(Duration.ofHours(23)), now.plus(Duration.ofHours(24)));
        Instant hourAhead = slotBetween(plan, now.plus(Duration.ofMinutes(46)), now.plus(Duration.ofMinutes(59)));
        String dayLink = book(plan, dayAhead, "+919877000021");
        String hourLink = book(plan, hourAhead, "+919877000022");
        WeeklyHours hours = departments.get(department.id()).hours();
        for (Instant at : List.of(dayAhead, hourAhead)) {
            hours = hours.closedOn(at.atZone(department.timeZone()).toLocalDate(), "Holiday");
        }
        departments.setHours(Actor.SYSTEM, department.id(), hours);

        reminders.remind(now);

        assertThat(bodies("%/a/" + dayLink))
                .singleElement()
                .asString()
                .startsWith(department.name() + " will be closed on ")
                .contains("please do not come then");
        assertThat(bodies("%/book/" + department.id()))
                .singleElement()
                .asString()
                .startsWith(department.name() + " will be closed on ");
        assertThat(bodies("%/a/" + hourLink)).isEmpty();
    }

    private List<String> bodies(String ending) {
        return jdbc.sql("SELECT body FROM dqms.notification_outbox WHERE kind = 'REMINDER' AND body LIKE :ending")
                .param("ending", ending)
                .query(String.class)
                .list();
    }

    /** The texts the provider delivered that link to these appointments. */
    private static List<String> delivered(String... links) {
        return PROVIDER.delivered().stream()
                .map(r -> JSON.readTree(r.getBody().string(StandardCharsets.UTF_8))
                        .get("text")
                        .asString())
                .filter(text -> java.util.Arrays.stream(links).anyMatch(link -> text.endsWith("/a/" + link)))
                .toList();
    }

    /** Reminder rows whose text links to the appointment. */
    private int reminderRows(String link) {
        return jdbc.sql("SELECT count(*) FROM dqms.notification_outbox WHERE kind = 'REMINDER' AND body LIKE :link")
                .param("link", "%/a/" + link)
                .query(Integer.class)
                .single();
    }

    private long plan(Department department) throws Exception {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        return JSON.readTree(admin.send(admin.post(
                                "/api/v1/booking-plans",
                                Map.of(
                                        "departmentId",
                                        department.id(),
                                        "plan",
                                        Map.of(
                                                "slotMinutes",
                                                5,
                                                "capacityPerSlot",
                                                5,
                                                "walkInSharePercent",
                                                0,
                                                "horizonDays",
                                                3))))
                        .body())
                .get("id")
                .asLong();
    }

    private Instant slotBetween(long plan, Instant from, Instant until) {
        ApiClient anyone = ApiClient.anonymous(port);
        for (Instant day : List.of(from, until)) {
            String date = day.atZone(ZoneId.of("Asia/Kolkata")).toLocalDate().toString();
            JsonNode slots = JSON.readTree(anyone.send(
                            HttpRequest.newBuilder(anyone.uri("/api/v1/booking-plans/" + plan + "/slots?date=" + date)))
                    .body());
            for (JsonNode slot : slots) {
                Instant start = Instant.parse(slot.get("startsAt").asString());
                if (!start.isBefore(from) && start.isBefore(until)) {
                    return start;
                }
            }
        }
        throw new AssertionError("no slot between " + from + " and " + until);
    }

    private String book(long plan, Instant startsAt, String phone) {
        ApiClient patient = ApiClient.anonymous(port);
        HttpResponse<String> booked = patient.send(patient.post(
                "/api/v1/booking-plans/" + plan + "/appointments",
                Map.of(
                        "startsAt",
                        startsAt.toString(),
                        "patientName",
                        "Reminded Patient",
                        "phone",
                        phone,
                        "notifications",
                        List.of("SMS"))));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        return JSON.readTree(booked.body()).get("publicId").asString();
    }
}
