package org.dqms.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.database.DirectSessions;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.EventStream;
import org.dqms.testing.EventStream.Event;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The event streams on one instance, end to end: HTTP in, NOTIFY through PostgreSQL, events out. */
@IntegrationTest
@TestPropertySource(properties = "DQMS_LIVE_HEARTBEAT=1s")
class LiveStreamsTest {

    private static final Duration SOON = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    DirectSessions sessions;

    @Autowired
    LiveUpdatesHealthIndicator health;

    Hospital hospital;
    LiveApi api;

    @BeforeEach
    void setUp() {
        hospital = new Hospital(context);
        api = new LiveApi(port, accounts);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Test
    void boardStreamShowsAJoinedTokenThenTheRoomItIsCalledTo() {
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        try (EventStream board = EventStream.open(uri("/api/v1/live/departments/" + department.id()))) {
            assertThat(board.response().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            JsonNode first = LiveApi.data(board.await(e -> e.name().equals("queue"), SOON));
            assertThat(first.get("waiting").asInt()).isZero();
            assertThat(first.get("departmentName").asString()).isEqualTo(department.name());

            String number = api.join(department.id()).get("number").asString();
            board.await(e -> e.name().equals("queue") && e.data().contains("\"number\":\"" + number + "\""), SOON);

            api.callNext(doctor.id());
            JsonNode called = LiveApi.data(board.await(
                    e -> e.name().equals("queue") && e.data().contains("\"room\":\"" + doctor.room() + "\""), SOON));
            assertThat(called.get("calling").get(0).get("number").asString()).isEqualTo(number);
            assertThat(called.get("calling").get(0).get("status").asString()).isEqualTo("CALLED");
            assertThat(called.get("waiting").asInt()).isZero();
            assertThat(called.toString()).doesNotContain("Live Patient").doesNotContain("+9198");
        }
    }

    @Test
    void tokenStreamFollowsPositionThenSaysWhichRoom() {
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        api.join(department.id());
        JsonNode mine = api.join(department.id());
        try (EventStream phone = EventStream.open(
                uri("/api/v1/live/tokens/" + mine.get("publicId").asString()))) {
            JsonNode waiting = LiveApi.data(phone.await(e -> e.name().equals("token"), SOON));
            assertThat(waiting.get("status").asString()).isEqualTo("WAITING");
            assertThat(waiting.get("position").asInt()).isEqualTo(2);
            assertThat(waiting.get("ahead").asInt()).isEqualTo(1);
            assertThat(waiting.get("likelyMinutes").asInt()).isPositive();

            api.callNext(doctor.id());
            JsonNode next = LiveApi.data(phone.await(
                    e -> e.name().equals("token")
                            && LiveApi.data(e).path("position").asInt() == 1,
                    SOON));
            assertThat(next.get("ahead").asInt()).isZero();
        }
    }

    @Test
    void tokenStreamSaysCalledWithTheRoom() {
        Department department = hospital.department();
        Doctor doctor = hospital.doctor(department);
        JsonNode mine = api.join(department.id());
        try (EventStream phone = EventStream.open(
                uri("/api/v1/live/tokens/" + mine.get("publicId").asString()))) {
            phone.await(e -> e.name().equals("token") && e.data().contains("\"WAITING\""), SOON);
            api.callNext(doctor.id());
            JsonNode called = LiveApi.data(
                    phone.await(e -> e.name().equals("token") && e.data().contains("\"CALLED\""), SOON));
            assertThat(called.get("room").asString()).isEqualTo(doctor.room());
            assertThat(called.get("number").asString())
                    .isEqualTo(mine.get("number").asString());
        }
    }

    @Test
    void reconnectWithLastEventIdGetsAFreshSnapshot() {
        Department department = hospital.department();
        URI stream = uri("/api/v1/live/departments/" + department.id());
        String lastId;
        try (EventStream first = EventStream.open(stream)) {
            lastId = first.await(e -> e.name().equals("queue"), SOON).id();
        }
        String number = api.join(department.id()).get("number").asString();
        try (EventStream again = EventStream.open(stream, Map.of("Last-Event-ID", lastId))) {
            Event snapshot = again.await(e -> e.name().equals("queue"), SOON);
            assertThat(Long.parseLong(snapshot.id())).isGreaterThan(Long.parseLong(lastId));
            assertThat(snapshot.data()).contains("\"number\":\"" + number + "\"");
        }
    }

    @Test
    void idleStreamsGetHeartbeats() {
        Department department = hospital.department();
        try (EventStream board = EventStream.open(uri("/api/v1/live/departments/" + department.id()))) {
            board.await(e -> e.name().equals("comment") && e.data().equals("keep-alive"), SOON);
        }
    }

    @Test
    void oneStreamCarriesSeveralBoards() {
        Department first = hospital.department();
        Department second = hospital.department();
        try (EventStream boards =
                EventStream.open(uri("/api/v1/live/departments?ids=" + first.id() + "," + second.id()))) {
            String number = api.join(second.id()).get("number").asString();
            JsonNode event = LiveApi.data(boards.await(e -> e.data().contains("\"number\":\"" + number + "\""), SOON));
            assertThat(event.get("departmentId").asLong()).isEqualTo(second.id());
            boards.await(e -> e.data().contains("\"departmentId\":" + first.id()), SOON);
        }
    }

    @Test
    void badStreamsAnswerWithProblemDetails() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unknownDepartment = http.send(
                HttpRequest.newBuilder(uri("/api/v1/live/departments/987654321"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownDepartment.statusCode()).isEqualTo(404);
        assertThat(unknownDepartment.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(unknownDepartment.body()).contains("\"status\":404").contains("987654321");

        HttpResponse<String> unknownLink = http.send(
                HttpRequest.newBuilder(uri("/api/v1/live/tokens/00000000-0000-0000-0000-000000000000"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownLink.statusCode()).isEqualTo(404);

        HttpResponse<String> badIds = http.send(
                HttpRequest.newBuilder(uri("/api/v1/live/departments?ids=1,x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badIds.statusCode()).isEqualTo(400);
        assertThat(badIds.body()).contains("ids");
    }

    @Test
    void listeningSessionComesBackAfterItIsKilled() throws Exception {
        Department department = hospital.department();
        try (EventStream board = EventStream.open(uri("/api/v1/live/departments/" + department.id()))) {
            board.await(e -> e.name().equals("queue"), SOON);
            long before = listeningPid();
            try (Connection session = sessions.open("test-kill");
                    Statement kill = session.createStatement()) {
                kill.execute("SELECT pg_terminate_backend(" + before + ")");
            }
            long deadline = System.nanoTime() + SOON.toNanos();
            long after = before;
            while ((after == before || after == 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                after = listeningPid();
            }
            assertThat(after).isNotIn(before, 0L);
            // The new session shows in pg_stat_activity when it connects, a moment before its LISTEN.
            while (!Boolean.TRUE.equals(health.health().getDetails().get("listening"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(health.health().getDetails()).containsEntry("listening", true);

            String number = api.join(department.id()).get("number").asString();
            board.await(e -> e.data().contains("\"number\":\"" + number + "\""), SOON);
        }
    }

    private long listeningPid() throws Exception {
        try (Connection session = sessions.open("test-look");
                Statement look = session.createStatement();
                ResultSet rows = look.executeQuery("SELECT coalesce(max(pid), 0) FROM pg_stat_activity"
                        + " WHERE application_name = '" + QueueChangeListener.APPLICATION_NAME + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
