package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.queue.QueueTestData.Api;
import org.dqms.queue.QueueTestData.Api.Response;
import org.dqms.queue.TokenQueryRepository.TokenFilter;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The role × endpoint matrix of docs/SECURITY.md, taken as data: every row is sent as every role
 * (signed in through the API, or anonymous) and the answer's status must be what the cell says. An
 * "own" cell is sent twice, at what the role owns (2xx) and at what it does not (403, or the status
 * in brackets).
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class AuthorizationMatrixTest {

    static final Path SECURITY_DOC = Path.of("docs", "SECURITY.md");

    /** The columns of the matrix, in order. */
    enum Who {
        ANONYMOUS,
        PATIENT,
        RECEPTION,
        DOCTOR,
        ADMIN
    }

    /** At what the caller owns, or at the same kind of thing that belongs to somebody else. */
    enum Scope {
        OWN,
        OTHER
    }

    record Row(String method, String path, Map<Who, String> cells) {

        String key() {
            return method + " " + path;
        }
    }

    record Call(String method, String path, Object body) {}

    private static final Pattern CELL = Pattern.compile("(yes|no|own)(?: \\((\\d{3})\\))?");
    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 100_000));

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    QueueTestData data;

    @Autowired
    AccountService accounts;

    @Autowired
    TokenRepository tokens;

    @Autowired
    TokenQueryRepository queries;

    Department own;
    Department other;
    Doctor ownDoctor;
    Doctor otherDoctor;
    ApiClient patient;
    ApiClient otherPatient;
    Map<Who, Api> as;

    @BeforeEach
    void setUp() {
        own = data.department().create();
        other = data.department().create();
        ownDoctor = data.doctor(own);
        otherDoctor = data.doctor(other);
        patient = ApiClient.asPatient(port, accounts);
        otherPatient = ApiClient.asPatient(port, accounts);
        as = new EnumMap<>(Who.class);
        as.put(Who.ANONYMOUS, new Api(ApiClient.anonymous(port), json));
        as.put(Who.PATIENT, new Api(patient, json));
        as.put(Who.RECEPTION, new Api(ApiClient.asReception(port, accounts, own.id()), json));
        as.put(Who.DOCTOR, new Api(ApiClient.asDoctor(port, accounts, ownDoctor.id()), json));
        as.put(Who.ADMIN, new Api(ApiClient.asAdmin(port, accounts), json));
    }

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    /** The table between the role-matrix markers of docs/SECURITY.md. */
    static List<Row> matrix() throws IOException {
        String doc = Files.readString(SECURITY_DOC);
        String table = doc.substring(doc.indexOf("<!-- role-matrix:start"), doc.indexOf("<!-- role-matrix:end"));
        List<Row> rows = new ArrayList<>();
        for (String line : table.lines().toList()) {
            if (!line.startsWith("| ") || line.startsWith("| Method") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            Map<Who, String> byRole = new EnumMap<>(Who.class);
            for (Who who : Who.values()) {
                byRole.put(who, cells[2 + who.ordinal()].strip());
            }
            rows.add(new Row(cells[0].strip(), cells[1].strip(), byRole));
        }
        return rows;
    }

    @Test
    void theMatrixCoversEveryEndpointAndEveryCellIsReadable() throws IOException {
        List<Row> rows = matrix();
        assertThat(rows).hasSize(75);
        assertThat(rows.stream().map(Row::key).distinct()).hasSize(rows.size());
        rows.forEach(row -> row.cells()
                .values()
                .forEach(cell -> assertThat(cell).as(row.key()).matches(CELL)));
        // The gateway's inbound messages take its signature, which no role has.
        assertThat(rows.stream()
                        .filter(row -> !row.path().equals("/api/v1/notifications/inbound"))
                        .map(Row::cells)
                        .map(cells -> cells.get(Who.ADMIN)))
                .as("an administrator may do everything")
                .containsOnly("yes");
    }

    /** A new endpoint cannot slip in without a row: the matrix names every API mapping there is. */
    @Test
    void everyApiEndpointHasARow(
            @Autowired @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
                    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings)
            throws IOException {
        java.util.Set<String> documented = new java.util.HashSet<>();
        for (Row row : matrix()) {
            String path = row.path().replaceAll(" \\(.*\\)$", "").replaceAll("\\{[^}]+}", "{}");
            documented.add(row.method() + " " + path);
        }
        List<String> missing = new ArrayList<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(pattern -> pattern.startsWith("/api/v1/"))
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> {
                                    String key = method.name() + " " + pattern.replaceAll("\\{[^}]+}", "{}");
                                    if (!documented.contains(key)) {
                                        missing.add(key);
                                    }
                                })));
        assertThat(missing).as("endpoints without a row in docs/SECURITY.md").isEmpty();
        assertThat(documented).as("rows read").hasSizeGreaterThan(30);
    }

    @TestFactory
    Stream<DynamicTest> everyRoleGetsWhatTheMatrixSays() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : matrix()) {
            for (Who who : Who.values()) {
                Matcher cell = CELL.matcher(row.cells().get(who));
                assertThat(cell.matches()).as(row.key()).isTrue();
                String kind = cell.group(1);
                Integer status = cell.group(2) == null ? null : Integer.valueOf(cell.group(2));
                int expected = switch (kind) {
                    case "yes", "own" -> 200;
                    default -> status != null ? status : who == Who.ANONYMOUS ? 401 : 403;
                };
                tests.add(DynamicTest.dynamicTest(
                        who + " " + row.key() + " -> " + describe(expected),
                        () -> check(row, who, Scope.OWN, expected)));
                if (kind.equals("own")) {
                    int refused = status != null ? status : 403;
                    tests.add(DynamicTest.dynamicTest(
                            who + " " + row.key() + " (somebody else's) -> " + refused,
                            () -> check(row, who, Scope.OTHER, refused)));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void aPatientCannotReachAnotherPatientsTokenByGuessingIds() {
        Api mine = as.get(Who.PATIENT);
        Api theirs = new Api(otherPatient, json);
        long myToken =
                mine.post(joinPath(own), joinBody("NORMAL")).body().get("id").asLong();
        long theirToken =
                theirs.post(joinPath(own), joinBody("NORMAL")).body().get("id").asLong();

        for (long id = Math.min(myToken, theirToken) - 3; id <= Math.max(myToken, theirToken) + 3; id++) {
            for (String suffix : new String[] {"", "/position", "/history"}) {
                Response response = mine.get("/api/v1/tokens/" + id + suffix);
                if (id == myToken) {
                    assertThat(response.status()).as("own token " + suffix).isEqualTo(200);
                } else {
                    assertThat(response.status()).as("token " + id + suffix).isEqualTo(404);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    assertThat(response.body().get("detail").asString()).isEqualTo("Token " + id + " does not exist");
                }
            }
            if (id != myToken) {
                assertThat(mine.post("/api/v1/tokens/" + id + "/cancel", "").status())
                        .isEqualTo(404);
            }
        }
        JsonNode listed = mine.get("/api/v1/me/tokens").body().get("content");
        assertThat(listed.valueStream().map(token -> token.get("id").asLong())).containsExactly(myToken);
        assertThat(tokens.find(theirToken).orElseThrow().status()).isEqualTo(TokenStatus.WAITING);
    }

    @Test
    void onlyStaffJoinAPatientAsAnEmergency() {
        for (Who who : List.of(Who.ANONYMOUS, Who.PATIENT)) {
            Response response = as.get(who).post(joinPath(own), joinBody("EMERGENCY"));
            assertThat(response.status()).as(who.name()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().get("detail").asString()).contains("EMERGENCY");
        }
        Response walkIn = as.get(Who.RECEPTION).post(joinPath(own), joinBody("EMERGENCY"));
        assertThat(walkIn.status()).isEqualTo(201);
        assertThat(walkIn.body().get("priority").asString()).isEqualTo("EMERGENCY");
    }

    /** The channel is what the day's figures are counted by: a phone cannot pass for reception. */
    @Test
    void onlyStaffJoinAPatientAtReceptionAndNobodyAsAnAppointment() {
        for (Who who : List.of(Who.ANONYMOUS, Who.PATIENT)) {
            Response response = as.get(who).post(joinPath(own), withChannel(joinBody("NORMAL"), "RECEPTION"));
            assertThat(response.status()).as(who.name()).isEqualTo(403);
            assertThat(response.body().get("detail").asString()).contains("RECEPTION");
            Response kiosk = as.get(who).post(joinPath(own), withChannel(joinBody("NORMAL"), "KIOSK"));
            assertThat(kiosk.status()).as(who.name()).isEqualTo(201);
        }
        for (Who who : List.of(Who.ANONYMOUS, Who.RECEPTION, Who.ADMIN)) {
            Response response = as.get(who).post(joinPath(own), withChannel(joinBody("NORMAL"), "APPOINTMENT"));
            assertThat(response.status()).as(who.name()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        Response atDesk = as.get(Who.RECEPTION).post(joinPath(own), withChannel(joinBody("NORMAL"), "RECEPTION"));
        assertThat(atDesk.status()).isEqualTo(201);
        assertThat(atDesk.body().get("channel").asString()).isEqualTo("RECEPTION");
    }

    private static Map<String, Object> withChannel(Map<String, Object> body, String channel) {
        body.put("channel", channel);
        return body;
    }

    @Test
    void theCapabilityLinkShowsTheTokenWithItsWaitAndCancelsIt() {
        Api anonymous = as.get(Who.ANONYMOUS);
        JsonNode joined = anonymous.post(joinPath(own), joinBody("NORMAL")).body();
        String link = "/api/v1/tokens/by-link/" + joined.get("publicId").asString();

        Response shown = anonymous.get(link);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().get("token").get("id").asLong())
                .isEqualTo(joined.get("id").asLong());
        assertThat(shown.body().get("position").get("position").asInt()).isEqualTo(1);
        assertThat(anonymous.get("/api/v1/tokens/" + joined.get("id").asLong()).status())
                .isEqualTo(401);
        assertThat(anonymous.get("/api/v1/tokens/by-link/" + UUID.randomUUID()).status())
                .isEqualTo(404);

        Response cancelled = anonymous.post(link + "/cancel", "");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(historyActors(joined.get("id").asLong())).containsExactly("patient:anonymous", "patient:anonymous");
    }

    @Test
    void aPatientWhoJoinsSignedInHoldsTheToken() {
        JsonNode joined =
                as.get(Who.PATIENT).post(joinPath(own), joinBody("NORMAL")).body();

        assertThat(tokens.heldBy(joined.get("id").asLong(), patient.account().id()))
                .isTrue();
        assertThat(historyActors(joined.get("id").asLong()))
                .containsExactly("patient:user-" + patient.account().id());
    }

    private List<String> historyActors(long tokenId) {
        return tokens.history(tokenId).stream().map(TokenTransition::actor).toList();
    }

    private void check(Row row, Who who, Scope scope, int expected) {
        try {
            for (Call call : calls(row, who, scope)) {
                Response response = as.get(who).send(call.method(), call.path(), call.body());
                String what = who + " " + call.method() + " " + call.path() + " answered " + response.body();
                if (expected == 200) {
                    assertThat(response.status() / 100).as(what).isEqualTo(2);
                } else {
                    assertThat(response.status()).as(what).isEqualTo(expected);
                    if (!call.path().startsWith("/actuator")) {
                        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                    }
                }
            }
        } finally {
            free(ownDoctor);
            free(otherDoctor);
        }
    }

    /** The request(s) a row stands for, at what the role owns or at somebody else's. */
    private List<Call> calls(Row row, Who who, Scope scope) {
        Department department = scope == Scope.OWN ? own : other;
        Doctor doctor = scope == Scope.OWN ? ownDoctor : otherDoctor;
        String m = row.method();
        if (row.key().equals("POST /api/v1/departments")) {
            return List.of(new Call(m, row.path(), departmentBody(prefix())));
        }
        if (row.key().equals("POST /api/v1/doctors")) {
            return List.of(new Call(m, row.path(), doctorBody()));
        }
        return switch (row.path()) {
            case "/api/v1/auth/sign-in" -> List.of(new Call(m, row.path(), credentials(patient)));
            case "/api/v1/auth/sign-up" ->
                List.of(new Call(
                        m,
                        row.path(),
                        Map.of(
                                "name",
                                "Matrix Patient",
                                "phone",
                                "+919700000001",
                                "email",
                                "matrix-" + UUID.randomUUID() + "@example.org",
                                "password",
                                ApiClient.PASSWORD)));
            case "/api/v1/auth/refresh", "/api/v1/auth/sign-out" ->
                List.of(new Call(m, row.path(), Map.of("refreshToken", refreshToken())));
            case "/api/v1/auth/me", "/api/v1/departments", "/api/v1/doctors", "/api/v1/me/tokens", "/api/v1/audit" ->
                List.of(new Call(m, row.path(), null));
            case "/api/v1/departments/{id}" ->
                switch (m) {
                    case "GET" -> List.of(new Call(m, "/api/v1/departments/" + own.id(), null));
                    case "PUT" -> {
                        Department changed = data.department().create();
                        yield List.of(new Call(
                                m,
                                "/api/v1/departments/" + changed.id(),
                                departmentBody(changed.prefix().value())));
                    }
                    default ->
                        List.of(new Call(
                                m,
                                "/api/v1/departments/"
                                        + data.department().create().id(),
                                null));
                };
            case "/api/v1/departments/{id}/hours" ->
                m.equals("GET")
                        ? List.of(new Call(m, "/api/v1/departments/" + own.id() + "/hours", null))
                        : List.of(new Call(
                                m,
                                "/api/v1/departments/"
                                        + data.department().create().id() + "/hours",
                                Map.of(
                                        "days",
                                        Map.of("MONDAY", List.of(Map.of("opens", "08:00", "closes", "12:00"))),
                                        "closedDates",
                                        Map.of())));
            case "/api/v1/doctors/{id}" ->
                switch (m) {
                    case "GET" -> List.of(new Call(m, "/api/v1/doctors/" + ownDoctor.id(), null));
                    case "PUT" ->
                        List.of(new Call(
                                m, "/api/v1/doctors/" + data.doctor(own).id(), doctorBody()));
                    default ->
                        List.of(new Call(
                                m, "/api/v1/doctors/" + data.doctor(own).id(), null));
                };
            case "/api/v1/doctors/{id}/duty" ->
                List.of(new Call(
                        m, "/api/v1/doctors/" + data.doctor(own).id() + "/duty", Map.of("status", "ON_BREAK")));
            case "/api/v1/departments/{id}/tokens (NORMAL)" ->
                List.of(new Call(m, joinPath(department), joinBody("NORMAL")));
            case "/api/v1/departments/{id}/tokens (EMERGENCY, PRIORITY)" ->
                List.of(
                        new Call(m, joinPath(department), joinBody("EMERGENCY")),
                        new Call(m, joinPath(department), joinBody("PRIORITY")));
            case "/api/v1/tokens/by-link/{publicId}" ->
                List.of(new Call(
                        m,
                        "/api/v1/tokens/by-link/"
                                + token(scope, TokenStatus.WAITING).publicId(),
                        null));
            case "/api/v1/tokens/by-link/{publicId}/cancel" ->
                List.of(new Call(
                        m,
                        "/api/v1/tokens/by-link/"
                                + token(scope, TokenStatus.WAITING).publicId() + "/cancel",
                        null));
            case "/api/v1/tokens" -> List.of(new Call(m, "/api/v1/tokens?departmentId=" + department.id(), null));
            case "/api/v1/tokens/{id}" -> List.of(new Call(m, tokenPath(scope, TokenStatus.WAITING, ""), null));
            case "/api/v1/tokens/{id}/history" ->
                List.of(new Call(m, tokenPath(scope, TokenStatus.WAITING, "/history"), null));
            case "/api/v1/tokens/{id}/position" ->
                List.of(new Call(m, tokenPath(scope, TokenStatus.WAITING, "/position"), null));
            case "/api/v1/departments/{id}/queue" ->
                List.of(new Call(m, "/api/v1/departments/" + department.id() + "/queue", null));
            case "/api/v1/doctors/{id}/call-next" ->
                List.of(new Call(m, "/api/v1/doctors/" + doctor.id() + "/call-next", null));
            case "/api/v1/tokens/{id}/call" ->
                List.of(new Call(
                        m,
                        tokenPath(scope, TokenStatus.WAITING, "/call"),
                        Map.of("doctorId", doctor.id(), "reason", "matrix")));
            case "/api/v1/tokens/{id}/recall" ->
                List.of(new Call(m, tokenPath(scope, TokenStatus.CALLED, "/recall"), null));
            case "/api/v1/tokens/{id}/start" ->
                List.of(new Call(m, tokenPath(scope, TokenStatus.CALLED, "/start"), null));
            case "/api/v1/tokens/{id}/complete" ->
                List.of(new Call(m, tokenPath(scope, TokenStatus.IN_CONSULTATION, "/complete"), null));
            case "/api/v1/tokens/{id}/no-show" ->
                List.of(new Call(m, tokenPath(scope, TokenStatus.CALLED, "/no-show"), null));
            case "/api/v1/tokens/{id}/transfer" ->
                List.of(new Call(
                        m,
                        tokenPath(scope, TokenStatus.COMPLETED, "/transfer"),
                        Map.of("departmentId", (scope == Scope.OWN ? other : own).id(), "reason", "matrix")));
            case "/api/v1/tokens/{id}/cancel" ->
                List.of(new Call(m, tokenPath(scope, TokenStatus.WAITING, "/cancel"), null));
            case "/api/v1/users" ->
                m.equals("GET")
                        ? List.of(new Call(m, row.path(), null))
                        : List.of(new Call(
                                m,
                                row.path(),
                                Map.of(
                                        "email",
                                        "matrix-" + UUID.randomUUID() + "@hospital.example",
                                        "name",
                                        "Matrix Reception",
                                        "role",
                                        "RECEPTION",
                                        "departmentIds",
                                        List.of(own.id()),
                                        "password",
                                        ApiClient.PASSWORD)));
            case "/api/v1/users/{id}" ->
                List.of(new Call(m, "/api/v1/users/" + patient.account().id(), null));
            case "/api/v1/users/{id}/role" ->
                List.of(new Call(
                        m,
                        "/api/v1/users/" + receptionAccount() + "/role",
                        Map.of("role", "RECEPTION", "departmentIds", List.of(own.id(), other.id()))));
            case "/api/v1/users/{id}/enabled" ->
                List.of(new Call(m, "/api/v1/users/" + receptionAccount() + "/enabled", Map.of("enabled", false)));
            case "/api/v1/booking-plans" ->
                m.equals("GET")
                        ? List.of(new Call(m, row.path(), null))
                        : List.of(new Call(
                                m, row.path(), newPlan(data.department().create())));
            case "/api/v1/booking-plans/{id}" ->
                switch (m) {
                    case "GET" -> List.of(new Call(m, "/api/v1/booking-plans/" + plan(own), null));
                    case "PUT" -> List.of(new Call(m, "/api/v1/booking-plans/" + plan(own), PLAN));
                    default ->
                        List.of(new Call(
                                m,
                                "/api/v1/booking-plans/"
                                        + plan(data.department().create()),
                                null));
                };
            case "/api/v1/booking-plans/{id}/slots" ->
                List.of(new Call(m, "/api/v1/booking-plans/" + plan(own) + "/slots?date=" + slotDate(slot(0)), null));
            case "/api/v1/booking-plans/{id}/appointments" ->
                List.of(new Call(m, "/api/v1/booking-plans/" + plan(own) + "/appointments", booking(slot(next()))));
            case "/api/v1/appointments/by-link/{publicId}" -> List.of(new Call(m, byLink(""), null));
            case "/api/v1/appointments/by-link/{publicId}/calendar.ics" ->
                List.of(new Call(m, byLink("/calendar.ics"), null));
            case "/api/v1/appointments/by-link/{publicId}/reschedule" ->
                List.of(new Call(
                        m,
                        byLink("/reschedule"),
                        Map.of("startsAt", slot(next()).toString())));
            case "/api/v1/appointments/by-link/{publicId}/cancel", "/api/v1/appointments/by-link/{publicId}/check-in" ->
                List.of(new Call(m, byLink(row.path().substring(row.path().lastIndexOf('/'))), null));
            case "/api/v1/appointments" ->
                List.of(new Call(
                        m,
                        "/api/v1/appointments?departmentId=" + department.id() + "&date=" + slotDate(slot(0)),
                        null));
            case "/api/v1/appointments/{id}/check-in", "/api/v1/appointments/{id}/cancel" ->
                List.of(new Call(
                        m,
                        "/api/v1/appointments/"
                                + appointment(department).get("id").asLong()
                                + row.path().substring(row.path().lastIndexOf('/')),
                        null));
            case "/api/v1/appointments/{id}/reschedule" ->
                List.of(new Call(
                        m,
                        "/api/v1/appointments/"
                                + appointment(department).get("id").asLong() + "/reschedule",
                        Map.of("startsAt", slot(next()).toString())));
            case "/api/v1/notifications" ->
                List.of(new Call(
                        m,
                        "/api/v1/notifications?tokenId="
                                + token(Scope.OWN, TokenStatus.WAITING).id(),
                        null));
            case "/api/v1/notifications/failures", "/api/v1/notifications/channels" ->
                List.of(new Call(m, row.path(), null));
            case "/api/v1/analytics/live" -> List.of(new Call(m, row.path(), null));
            case "/api/v1/analytics/departments/{id}" ->
                List.of(new Call(
                        m, "/api/v1/analytics/departments/" + own.id() + "?from=2026-03-01&to=2026-03-31", null));
            case "/api/v1/analytics/departments/{id}/tokens.csv" ->
                List.of(new Call(
                        m,
                        "/api/v1/analytics/departments/" + own.id() + "/tokens.csv?from=2026-03-01&to=2026-03-31",
                        null));
            case "/api/v1/analytics/departments/{id}/days.csv" ->
                List.of(new Call(
                        m,
                        "/api/v1/analytics/departments/" + own.id() + "/days.csv?from=2026-03-01&to=2026-03-31",
                        null));
            case "/api/v1/notifications/{id}/retry" ->
                List.of(new Call(m, "/api/v1/notifications/" + failedNotification() + "/retry", null));
            case "/api/v1/departments/{id}/notifications" ->
                List.of(new Call(
                        m,
                        "/api/v1/departments/" + own.id() + "/notifications",
                        m.equals("PUT") ? Map.of("nearTurnAhead", 2) : null));
            case "/api/v1/webhooks" ->
                m.equals("GET")
                        ? List.of(new Call(m, row.path(), null))
                        : List.of(new Call(
                                m,
                                row.path(),
                                Map.of("url", "http://127.0.0.1:9/hooks", "events", List.of("token.joined"))));
            case "/api/v1/webhooks/{id}" -> List.of(new Call(m, "/api/v1/webhooks/" + webhookEndpoint(), null));
            case "/api/v1/webhooks/{id}/deliveries" ->
                List.of(new Call(m, "/api/v1/webhooks/" + webhookEndpoint() + "/deliveries", null));
            case "/api/v1/notifications/inbound" ->
                List.of(new Call(m, row.path(), Map.of("from", "+919800000001", "text", "STOP")));
            case "/actuator/health, /actuator/info, /actuator/prometheus" ->
                Stream.of("/actuator/health", "/actuator/info", "/actuator/prometheus")
                        .map(path -> new Call(m, path, null))
                        .toList();
            case "/actuator and any other endpoint an operator exposes" -> List.of(new Call(m, "/actuator", null));
            default -> throw new IllegalStateException("no request for the matrix row " + row.key());
        };
    }

    /**
     * A new token of the scope: in its department, held by its patient account, and called to its
     * doctor if the status needs one.
     */
    private Token token(Scope scope, TokenStatus status) {
        Department department = scope == Scope.OWN ? own : other;
        Doctor doctor = scope == Scope.OWN ? ownDoctor : otherDoctor;
        ApiClient holder = scope == Scope.OWN ? patient : otherPatient;
        Token token =
                data.join(department, data.patient().heldBy(holder.account().id()));
        return switch (status) {
            case WAITING -> token;
            case CALLED -> data.call(token, doctor);
            case IN_CONSULTATION -> data.start(token, doctor);
            case COMPLETED -> data.complete(token, doctor);
            default -> throw new IllegalArgumentException(status.name());
        };
    }

    private String tokenPath(Scope scope, TokenStatus status, String suffix) {
        return "/api/v1/tokens/" + token(scope, status).id() + suffix;
    }

    /** Ends whatever the doctor has called or started, so that the next case finds them free. */
    private void free(Doctor doctor) {
        for (TokenStatus status : List.of(TokenStatus.CALLED, TokenStatus.IN_CONSULTATION)) {
            for (Token active : queries.search(new TokenFilter(null, doctor.id(), status, null), 100, 0)) {
                Token token = tokens.find(active.id()).orElseThrow();
                if (token.status() == TokenStatus.CALLED) {
                    token.start(org.dqms.platform.Actor.SYSTEM, data.clock().instant());
                }
                token.complete(org.dqms.platform.Actor.SYSTEM, data.clock().instant(), null);
                tokens.save(token);
            }
        }
    }

    /** A new reception account of the own department, for an administrator to change. */
    private long receptionAccount() {
        return accounts.createStaff(
                        org.dqms.platform.Actor.SYSTEM,
                        "matrix-" + UUID.randomUUID() + "@hospital.example",
                        "Matrix Reception",
                        Role.RECEPTION,
                        java.util.Set.of(own.id()),
                        null,
                        ApiClient.PASSWORD)
                .id();
    }

    private static final Map<String, Object> PLAN =
            Map.of("slotMinutes", 15, "capacityPerSlot", 50, "walkInSharePercent", 0, "horizonDays", 30);

    private final Map<Long, Long> plans = new java.util.HashMap<>();

    private static Map<String, Object> newPlan(Department department) {
        return Map.of("departmentId", department.id(), "plan", PLAN);
    }

    /** The department's booking plan, made by the administrator on first use. */
    private long plan(Department department) {
        return plans.computeIfAbsent(
                department.id(),
                id -> as.get(Who.ADMIN)
                        .post("/api/v1/booking-plans", newPlan(department))
                        .body()
                        .get("id")
                        .asLong());
    }

    private static int next() {
        return SEQUENCE.getAndIncrement();
    }

    /** A 15-minute slot three hours or more ahead of the test clock; n spreads bookings over 24. */
    private java.time.Instant slot(int n) {
        java.time.Instant now = data.clock().instant();
        java.time.Instant quarter = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .plus(java.time.Duration.ofMinutes(
                        15L * ((now.atZone(java.time.ZoneOffset.UTC).getMinute() / 15) + 1)));
        return quarter.plus(java.time.Duration.ofHours(3))
                .plus(java.time.Duration.ofMinutes(15L * Math.floorMod(n, 24)));
    }

    private static String slotDate(java.time.Instant slot) {
        return slot.atZone(QueueTestData.KOLKATA).toLocalDate().toString();
    }

    private Map<String, Object> booking(java.time.Instant startsAt) {
        return Map.of(
                "startsAt",
                startsAt.toString(),
                "patientName",
                "Matrix Booking",
                "phone",
                data.patient().phone().value());
    }

    /** A new appointment in the department, booked without an account. */
    private JsonNode appointment(Department department) {
        QueueTestData.Api.Response booked = as.get(Who.ANONYMOUS)
                .post("/api/v1/booking-plans/" + plan(department) + "/appointments", booking(slot(next())));
        assertThat(booked.status()).as(booked.body().toString()).isEqualTo(201);
        return booked.body();
    }

    private String byLink(String suffix) {
        return "/api/v1/appointments/by-link/"
                + appointment(own).get("publicId").asString() + suffix;
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** An integrator's endpoint, registered straight in the database. */
    private long webhookEndpoint() {
        return jdbc.sql("""
                        INSERT INTO dqms.webhook_endpoint (url, secret, events, created_at)
                        VALUES ('http://127.0.0.1:9/hooks', :secret, ARRAY['token.joined'], now())
                        RETURNING id
                        """)
                .param("secret", "matrix-secret-" + UUID.randomUUID())
                .query(Long.class)
                .single();
    }

    /** A notification whose attempts are used up, as the dispatcher leaves one. */
    private long failedNotification() {
        return jdbc.sql("""
                        INSERT INTO dqms.notification_outbox (idempotency_key, kind, channel, recipient, body, status,
                                                              attempts, next_attempt_at, created_at)
                        VALUES (:key, 'CALLED', 'SMS', '+919800000000', 'matrix', 'FAILED', 6, now(), now())
                        RETURNING id
                        """)
                .param("key", "matrix:" + UUID.randomUUID())
                .query(Long.class)
                .single();
    }

    private String refreshToken() {
        return as.get(Who.ANONYMOUS)
                .post("/api/v1/auth/sign-in", credentials(patient))
                .body()
                .get("refreshToken")
                .asString();
    }

    private static Map<String, Object> credentials(ApiClient client) {
        return Map.of("email", client.account().email(), "password", ApiClient.PASSWORD);
    }

    private static String joinPath(Department department) {
        return "/api/v1/departments/" + department.id() + "/tokens";
    }

    private Map<String, Object> joinBody(String priority) {
        JoinCommand patient = data.patient();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("patientName", patient.patientName());
        body.put("phone", patient.phone().value());
        body.put("priority", priority);
        return body;
    }

    private static String prefix() {
        return "Z" + QueueTestData.letters(SEQUENCE.getAndIncrement());
    }

    private static Map<String, Object> departmentBody(String prefix) {
        return Map.of(
                "name",
                "Matrix " + prefix,
                "prefix",
                prefix,
                "timeZone",
                "Asia/Kolkata",
                "dailyCapacity",
                100,
                "targetWaitMinutes",
                30);
    }

    private Map<String, Object> doctorBody() {
        return Map.of(
                "name",
                "Dr Matrix",
                "room",
                "M1",
                "specialization",
                "General",
                "consultationMinutes",
                10,
                "departmentIds",
                List.of(own.id()));
    }

    private static String describe(int status) {
        return status == 200 ? "2xx" : Integer.toString(status);
    }
}
