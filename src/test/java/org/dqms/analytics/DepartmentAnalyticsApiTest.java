package org.dqms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Analytics over tokens written with exact times. The department is in Asia/Kolkata (UTC+05:30) and
 * its target wait is 30 minutes; the waits are 10, 20, 30 and 40 minutes and the consultations 8,
 * 10 and 20.
 */
@IntegrationTest
class DepartmentAnalyticsApiTest {

    private static final String RANGE = "?from=2026-03-01&to=2026-03-03";

    // Test data only: the queue's own services cannot place a token at a chosen time in the past.
    private static final String INSERT_TOKEN = """
            INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel, priority,
                                    status, doctor_id, joined_at, called_at, started_at, completed_at, ended_at)
            VALUES (:departmentId, CAST(:serviceDate AS date), :number, :name, :phone, :channel, 'NORMAL',
                    :status, :doctorId, :joinedAt, :calledAt, :startedAt, :completedAt, :endedAt)
            RETURNING id
            """;

    private static final AtomicInteger PHONES = new AtomicInteger(7_000_000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private Department department;
    private Doctor doctor;
    private ApiClient admin;
    private WrittenTokens tokens;

    @BeforeEach
    void tokensOfThreeDays() {
        Hospital hospital = new Hospital(context);
        department = hospital.department();
        doctor = hospital.doctor(department);
        admin = ApiClient.asAdmin(port, accounts);
        tokens = new WrittenTokens(jdbc);

        // Joins at 23:50 on Monday 2 March local time and completes at 00:10 on Tuesday.
        long first = token(1, "WEB", "COMPLETED", "2026-03-02", "2026-03-02T18:20:00Z", 10, 12, 20);
        // Complete at 10:30 and 11:20 on Monday, local time.
        long second = token(2, "WEB", "COMPLETED", "2026-03-02", "2026-03-02T04:30:00Z", 20, 20, 30);
        long third = token(3, "RECEPTION", "COMPLETED", "2026-03-02", "2026-03-02T05:00:00Z", 30, 30, 50);
        token(4, "KIOSK", "NO_SHOW", "2026-03-02", "2026-03-02T05:00:00Z", 40, null, null);
        token(5, "WEB", "CANCELLED", "2026-03-02", "2026-03-02T05:00:00Z", null, null, null);
        token(6, "RECEPTION", "EXPIRED", "2026-03-02", "2026-03-02T05:00:00Z", null, null, null);
        token(7, "APPOINTMENT", "TRANSFERRED", "2026-03-02", "2026-03-02T05:00:00Z", null, null, null);
        token(8, "WEB", "WAITING", "2026-03-03", "2026-03-03T05:00:00Z", null, null, null);
        // After the range: its 100-minute wait must not count.
        token(1, "WEB", "COMPLETED", "2026-03-04", "2026-03-04T05:00:00Z", 100, 100, 110);

        tokens.quote(first, 5, 15); // actual 10: inside the range, 5 off
        tokens.quote(second, 25, 35); // actual 20: below the range, 5 off
        tokens.quote(third, 30, 40); // actual 30: inside, exact
        tokens.quote(third, 100, 120); // a later quote, not the one given at joining
    }

    @AfterEach
    void removeTokens() {
        tokens.remove();
    }

    @Test
    void countsTokensByChannelAndOutcome() {
        JsonNode body = analytics(RANGE);

        assertThat(body.get("issuedByChannel").toString())
                .isEqualTo("{\"WEB\":4,\"RECEPTION\":2,\"KIOSK\":1,\"APPOINTMENT\":1}");
        assertThat(body.get("outcomes").toString())
                .isEqualTo("{\"COMPLETED\":3,\"NO_SHOW\":1,\"CANCELLED\":1,\"EXPIRED\":1,\"TRANSFERRED\":1}");
    }

    @Test
    void waitsAndConsultationsHaveMeanMedianAndP90() {
        JsonNode body = analytics(RANGE);

        assertThat(minutes(body.get("waitMinutes"))).containsExactly(25.0, 25.0, 37.0);
        // 8, 10, 20: mean 12.67, p90 interpolates 10 + 0.8 × 10.
        assertThat(minutes(body.get("consultationMinutes"))).containsExactly(12.7, 10.0, 18.0);
        // 10, 20 and 30 are within the 30-minute target, 40 is not.
        assertThat(body.get("withinTargetShare").asDouble()).isEqualTo(0.75);
    }

    @Test
    void liveFiguresShowWhoWaitsAndWhoIsOnDuty() {
        HttpResponse<String> response = get("/api/v1/analytics/live");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode department : JSON.readTree(response.body())) {
            if (department.get("departmentId").asLong() == department().id()) {
                mine = department;
            }
        }
        assertThat(mine).isNotNull();
        // Token 8 waits (joined 3 March, long ago); one doctor on duty.
        assertThat(mine.get("waiting").asInt()).isEqualTo(1);
        assertThat(mine.get("longestWaitMinutes").asLong()).isPositive();
        assertThat(mine.get("doctorsOnDuty").asDouble()).isEqualTo(1.0);
    }

    private Department department() {
        return department;
    }

    @Test
    void aDoctorFilterKeepsOnlyThatDoctorsTokens() {
        JsonNode mine = analytics(RANGE + "&doctorId=" + doctor.id());
        assertThat(minutes(mine.get("waitMinutes"))).containsExactly(25.0, 25.0, 37.0);
        assertThat(mine.get("outcomes").get("COMPLETED").asInt()).isEqualTo(3);
        // Tokens never called have no doctor: cancelled, expired, transferred drop out.
        assertThat(mine.get("outcomes").get("CANCELLED").asInt()).isZero();

        long other = new Hospital(context).doctor(department).id();
        JsonNode nobody = analytics(RANGE + "&doctorId=" + other);
        assertThat(nobody.get("waitMinutes").get("mean").isNull()).isTrue();
        assertThat(nobody.get("outcomes").get("COMPLETED").asInt()).isZero();
    }

    @Test
    void throughputIsPerLocalWeekdayAndHour() {
        JsonNode body = analytics(RANGE);

        assertThat(body.get("throughput")
                        .valueStream()
                        .map(cell -> cell.get("weekday").asInt() + " "
                                + cell.get("hour").asInt() + " "
                                + cell.get("completed").asLong()))
                .containsExactly("1 10 1", "1 11 1", "2 0 1");
    }

    @Test
    void theWaitQuotedAtJoiningIsComparedWithTheActualWait() {
        JsonNode accuracy = analytics(RANGE).get("estimateAccuracy");

        assertThat(accuracy.get("meanAbsoluteErrorMinutes").asDouble()).isEqualTo(3.3);
        assertThat(accuracy.get("withinRangeShare").asDouble()).isEqualTo(0.667);
    }

    @Test
    void aRangeWithoutTokensHasZerosAndNulls() {
        JsonNode body = analytics("?from=2025-01-01&to=2025-01-31");

        assertThat(body.get("issuedByChannel").valueStream().map(JsonNode::asLong))
                .containsOnly(0L);
        assertThat(body.get("outcomes").valueStream().map(JsonNode::asLong)).containsOnly(0L);
        assertThat(body.get("waitMinutes").valueStream().map(JsonNode::isNull)).containsExactly(true, true, true);
        assertThat(body.get("consultationMinutes").valueStream().map(JsonNode::isNull))
                .containsExactly(true, true, true);
        assertThat(body.get("withinTargetShare").isNull()).isTrue();
        assertThat(body.get("throughput").isEmpty()).isTrue();
        assertThat(body.get("estimateAccuracy").get("meanAbsoluteErrorMinutes").isNull())
                .isTrue();
        assertThat(body.get("estimateAccuracy").get("withinRangeShare").isNull())
                .isTrue();
    }

    @Test
    void badRangesAreProblems() {
        assertProblem(get(path("?from=2026-03-03&to=2026-03-01")), 400, "from (2026-03-03) must not be after to");
        assertProblem(get(path("?from=2025-01-01&to=2026-01-02")), 400, "366 days");
        assertProblem(get(path("?from=2026-3-1&to=2026-03-02")), 400, "from must be a date");
        assertProblem(get(path("/tokens.csv?from=2026-03-01&to=tomorrow")), 400, "to must be a date");
    }

    @Test
    void anUnknownDepartmentIsNotFound() {
        assertProblem(get("/api/v1/analytics/departments/999999" + RANGE), 404, "Department 999999 does not exist");
        assertProblem(get("/api/v1/analytics/departments/999999/tokens.csv" + RANGE), 404, "does not exist");
    }

    @Test
    void onlyAdministratorsReadAnalytics() {
        ApiClient reception = ApiClient.asReception(port, accounts, department.id());

        assertThat(reception.send(request(path(RANGE))).statusCode()).isEqualTo(403);
        assertThat(reception.send(request(path("/tokens.csv" + RANGE))).statusCode())
                .isEqualTo(403);
        assertThat(ApiClient.anonymous(port).send(request(path(RANGE))).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theTokenHistoryDownloadsAsCsvInLocalTime() {
        HttpResponse<String> response = get(path("/tokens.csv" + RANGE));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualToIgnoringCase("text/csv;charset=UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment;")
                .contains(".csv");
        String[] lines = response.body().split("\r\n");
        assertThat(lines).hasSize(9);
        assertThat(lines[0])
                .isEqualTo("service_date,number,status,channel,priority,joined_at,called_at,started_at,"
                        + "completed_at,wait_minutes,consultation_minutes,doctor_id");
        assertThat(lines[1])
                .isEqualTo("2026-03-02,1,COMPLETED,WEB,NORMAL,2026-03-02 23:50:00,2026-03-03 00:00:00,"
                        + "2026-03-03 00:02:00,2026-03-03 00:10:00,10.0,8.0," + doctor.id());
        assertThat(lines[5]).isEqualTo("2026-03-02,5,CANCELLED,WEB,NORMAL,2026-03-02 10:30:00,,,,,,");
        assertThat(lines[8]).startsWith("2026-03-03,8,WAITING,WEB,");
    }

    @Test
    void theFiguresDownloadAsCsvADayALine() {
        HttpResponse<String> response = get(path("/days.csv" + RANGE));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("days-2026-03-01-2026-03-03.csv");
        String[] lines = response.body().split("\r\n");
        assertThat(lines)
                .containsExactly(
                        "service_date,issued,completed,no_show,cancelled,expired,transferred,wait_mean_minutes,"
                                + "wait_median_minutes,wait_p90_minutes,consultation_mean_minutes,"
                                + "consultation_median_minutes,consultation_p90_minutes,within_target_share,"
                                + "estimate_error_minutes,within_estimate_range_share",
                        "2026-03-01,0,0,0,0,0,0,,,,,,,,,",
                        // The figures of the whole range, as all its called tokens were issued on the 2nd.
                        "2026-03-02,7,3,1,1,1,1,25.0,25.0,37.0,12.7,10.0,18.0,0.750,3.3,0.667",
                        "2026-03-03,1,0,0,0,0,0,,,,,,,,,");
    }

    /**
     * A token of the department joined at {@code joinedAt}; the other times are minutes after it,
     * null for a step the token never reached.
     */
    private long token(
            int number,
            String channel,
            String status,
            String serviceDate,
            String joinedAt,
            Integer calledAfter,
            Integer startedAfter,
            Integer completedAfter) {
        OffsetDateTime joined = OffsetDateTime.ofInstant(Instant.parse(joinedAt), ZoneOffset.UTC);
        OffsetDateTime completed = later(joined, completedAfter);
        boolean ended = !List.of("WAITING", "CALLED", "IN_CONSULTATION").contains(status);
        long id = jdbc.sql(INSERT_TOKEN)
                .param("departmentId", department.id())
                .param("serviceDate", serviceDate)
                .param("number", number)
                .param("name", "Patient " + number)
                .param("phone", "+9198" + PHONES.incrementAndGet())
                .param("channel", channel)
                .param("status", status)
                .param("doctorId", calledAfter == null ? null : doctor.id(), Types.BIGINT)
                .param("joinedAt", joined)
                .param("calledAt", later(joined, calledAfter), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("startedAt", later(joined, startedAfter), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("completedAt", completed, Types.TIMESTAMP_WITH_TIMEZONE)
                .param(
                        "endedAt",
                        ended ? (completed != null ? completed : joined.plusHours(1)) : null,
                        Types.TIMESTAMP_WITH_TIMEZONE)
                .query(Long.class)
                .single();
        return tokens.written(id);
    }

    private static OffsetDateTime later(OffsetDateTime joined, Integer minutes) {
        return minutes == null ? null : joined.plusMinutes(minutes);
    }

    private JsonNode analytics(String query) {
        HttpResponse<String> response = get(path(query));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        return JSON.readTree(response.body());
    }

    private static List<Double> minutes(JsonNode figures) {
        return List.of(
                figures.get("mean").asDouble(),
                figures.get("median").asDouble(),
                figures.get("p90").asDouble());
    }

    private String path(String suffix) {
        return "/api/v1/analytics/departments/" + department.id() + suffix;
    }

    private HttpResponse<String> get(String path) {
        return admin.send(request(path));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(admin.uri(path)).GET();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asString()).contains(detail);
    }
}
