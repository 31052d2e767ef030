package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.department.DepartmentDetails;
import org.dqms.department.DepartmentPrefix;
import org.dqms.department.DepartmentService;
import org.dqms.department.OpeningTime;
import org.dqms.department.WeeklyHours;
import org.dqms.platform.Actor;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.RawHttp;
import org.dqms.testing.RawHttp.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The limits on sign-in, sign-up and joining over HTTP, with low limits and a clock that stands
 * still 20 seconds into a minute, so that every window's end is known.
 */
@IntegrationTest
@Import(RateLimitApiTest.FixedClock.class)
@TestPropertySource(properties = """
        dqms.rate-limit.sign-in-per-ip=3
        dqms.rate-limit.sign-in-per-ip-window=1m
        dqms.rate-limit.sign-up-per-ip=1000
        dqms.rate-limit.sign-up-per-phone=2
        dqms.rate-limit.sign-up-per-phone-window=1h
        dqms.rate-limit.join-per-ip=4
        dqms.rate-limit.join-per-ip-window=1m
        dqms.rate-limit.join-per-phone=2
        dqms.rate-limit.join-per-phone-window=1h
        """)
class RateLimitApiTest {

    static final Instant NOW = Instant.parse("2030-01-15T06:00:20Z");
    private static final String PROBLEM = "application/problem+json";
    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final AtomicInteger SEQUENCE =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000));

    @LocalServerPort
    int port;

    @Autowired
    AccountService accountService;

    @Autowired
    DepartmentService departments;

    @Autowired
    RateLimitSweep sweep;

    @Autowired
    JdbcClient jdbc;

    private RawHttp http;
    private TestAccounts accounts;

    @BeforeEach
    void setUp() {
        http = new RawHttp(port);
        accounts = new TestAccounts(accountService, jdbc);
    }

    @AfterEach
    void cleanUp() throws Exception {
        accounts.cleanUp();
        jdbc.sql("DELETE FROM dqms.app_user WHERE email LIKE 'rate-limit-%@example.org'")
                .update();
        jdbc.sql("DELETE FROM dqms.rate_limit").update();
    }

    @Test
    void signInBeyondTheLimitPerAddressGets429WithRetryAfterUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("203.0.113.10").status()).isEqualTo(401);
        }

        Response refused = signIn("203.0.113.10");

        assertTooManyRequests(refused, 40);
        assertThat(refused.header("X-Content-Type-Options"))
                .as("answered inside Spring Security's headers")
                .isEqualTo("nosniff");
        assertThat(refused.body()).doesNotContain("example.org").doesNotContain("account");
    }

    @Test
    void anotherAddressIsNotAffected() {
        for (int i = 0; i < 4; i++) {
            signIn("203.0.113.20");
        }

        assertThat(signIn("203.0.113.21").status()).isEqualTo(401);
        assertThat(signIn("203.0.113.20").status()).isEqualTo(429);
    }

    @Test
    void joinWithinTheLimitReachesTheControllerWithItsBodyIntact() {
        Department department = department();
        String phone = phone();
        Map<String, Object> body = joinBody(phone);
        body.put("email", "asha@example.org");
        body.put("channel", "KIOSK");
        body.put("priority", "NORMAL");

        Response response = http.post(tokens(department), body, FORWARDED_FOR, "203.0.113.30");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("patientName").asString()).isEqualTo(body.get("patientName"));
        assertThat(response.json().get("channel").asString()).isEqualTo("KIOSK");
        assertThat(response.json().get("priority").asString()).isEqualTo("NORMAL");
        assertThat(response.json().get("departmentId").asLong()).isEqualTo(department.id());
        assertThat(response.json().get("phone").asString()).endsWith(phone.substring(phone.length() - 4));
    }

    @Test
    void joinBeyondTheLimitPerAddressGets429() {
        Department department = department();
        for (int i = 0; i < 4; i++) {
            Response joined = http.post(tokens(department), joinBody(phone()), FORWARDED_FOR, "203.0.113.40");
            assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        }

        assertTooManyRequests(http.post(tokens(department), joinBody(phone()), FORWARDED_FOR, "203.0.113.40"), 40);
        assertThat(http.post(tokens(department), joinBody(phone()), FORWARDED_FOR, "203.0.113.41")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void joinLimitPerPhoneHoldsAcrossAddresses() {
        Department department = department();
        String phone = phone();
        assertThat(http.post(tokens(department), joinBody(phone), FORWARDED_FOR, "203.0.113.50")
                        .status())
                .isEqualTo(201);
        assertThat(http.post(tokens(department), joinBody(" " + phone + " "), FORWARDED_FOR, "203.0.113.51")
                        .status())
                .as("the same number, however it is padded")
                .isIn(200, 400);

        Response refused = http.post(tokens(department), joinBody(phone), FORWARDED_FOR, "203.0.113.52");

        assertTooManyRequests(refused, 3580);
        assertThat(http.post(tokens(department), joinBody(phone()), FORWARDED_FOR, "203.0.113.52")
                        .status())
                .as("another number from the same address")
                .isEqualTo(201);
    }

    @Test
    void anAddressOverItsLimitDoesNotUseUpThePhonesAllowance() {
        Department department = department();
        for (int i = 0; i < 4; i++) {
            assertThat(http.post(tokens(department), joinBody(phone()), FORWARDED_FOR, "203.0.113.55")
                            .status())
                    .isEqualTo(201);
        }
        String phone = phone();
        byte[] phoneBucket =
                RateLimits.bucket(new RateLimitSettings.Limit("join:phone", 2, Duration.ofHours(1)), phone);

        assertTooManyRequests(http.post(tokens(department), joinBody(phone), FORWARDED_FOR, "203.0.113.55"), 40);

        assertThat(jdbc.sql("SELECT count(*) FROM dqms.rate_limit WHERE bucket = :bucket")
                        .param("bucket", phoneBucket)
                        .query(Integer.class)
                        .single())
                .as("the refused request counted against the address only")
                .isZero();
        assertThat(http.post(tokens(department), joinBody(phone), FORWARDED_FOR, "203.0.113.56")
                        .status())
                .isEqualTo(201);
        assertThat(hits(phoneBucket)).isEqualTo(1);
    }

    /**
     * The join page takes a number with spaces, or in the query string, as the same number: each
     * counts against it. Before, neither was counted per phone, and the limit could be walked around.
     */
    @Test
    void thePagesJoinLimitPerPhoneHoldsHoweverTheNumberIsWritten() throws Exception {
        Department department = department();
        String phone = phone();
        String spaced = phone.substring(0, 3) + " " + phone.substring(3, 8) + " " + phone.substring(8);
        String page = "/join/" + department.id();
        assertThat(http.postForm(page, "patientName=Asha&phone=" + encode(spaced), FORWARDED_FOR, "203.0.113.90")
                        .status())
                .isNotEqualTo(429);
        HttpResponse<String> inTheQuery = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + page + "?patientName=Asha&phone=" + encode(phone)))
                                .header(FORWARDED_FOR, "203.0.113.91")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(inTheQuery.statusCode()).isNotEqualTo(429);

        assertThat(http.postForm(page, "patientName=Asha&phone=" + encode(phone), FORWARDED_FOR, "203.0.113.92")
                        .status())
                .isEqualTo(429);
    }

    /** Spring would read JSON in another charset; the limit could not, so it is refused. */
    @Test
    void aJoinInACharsetOtherThanUtf8IsRefused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + tokens(department())))
                                .header("Content-Type", "application/json;charset=UTF-16")
                                .header(FORWARDED_FOR, "203.0.113.93")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"patientName\":\"A\",\"phone\":\"" + phone() + "\"}",
                                        java.nio.charset.StandardCharsets.UTF_16))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void signUpLimitPerPhoneHoldsAcrossAddresses() {
        String phone = phone();
        for (int i = 0; i < 2; i++) {
            Response signedUp =
                    http.post("/api/v1/auth/sign-up", signUpBody(phone), FORWARDED_FOR, "203.0.113." + (60 + i));
            assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(201);
        }

        Response refused = http.post("/api/v1/auth/sign-up", signUpBody(phone), FORWARDED_FOR, "203.0.113.62");

        assertTooManyRequests(refused, 3580);
    }

    @Test
    void aBodyThatIsNotJsonCountsAgainstTheAddressOnlyAndTheControllerRefusesIt() throws Exception {
        Department department = department();
        for (int i = 0; i < 4; i++) {
            assertThat(raw(tokens(department), "not json", "203.0.113.70").statusCode())
                    .isEqualTo(400);
        }
        assertThat(raw(tokens(department), "{\"patientName\":\"A\"}", "203.0.113.70")
                        .statusCode())
                .isEqualTo(429);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItsPhoneCouldHide() throws Exception {
        Department department = department();
        String padded = "{\"patientName\":\"" + "x".repeat(RateLimitBufferedRequest.MAX_BODY_BYTES) + "\",\"phone\":\""
                + phone() + "\"}";

        HttpResponse<String> response = raw(tokens(department), padded, "203.0.113.80");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM));
    }

    @Test
    void bucketsAreHashesAndTheSweepDeletesEndedWindows() {
        String phone = phone();
        Department department = department();
        http.post(tokens(department), joinBody(phone), FORWARDED_FOR, "203.0.113.90");
        byte[] phoneBucket =
                RateLimits.bucket(new RateLimitSettings.Limit("join:phone", 2, Duration.ofHours(1)), phone);
        assertThat(hits(phoneBucket)).isEqualTo(1);
        jdbc.sql("""
                        INSERT INTO dqms.rate_limit (bucket, window_start, window_end, hits)
                        VALUES (:bucket, :start, :end, 7)
                        """)
                .param("bucket", phoneBucket)
                .param("start", java.sql.Timestamp.from(NOW.minus(Duration.ofHours(3))))
                .param("end", java.sql.Timestamp.from(NOW.minus(Duration.ofHours(2))))
                .update();

        sweep.sweep();

        assertThat(jdbc.sql("SELECT hits FROM dqms.rate_limit WHERE bucket = :bucket")
                        .param("bucket", phoneBucket)
                        .query(Integer.class)
                        .list())
                .containsExactly(1);
    }

    private int hits(byte[] bucket) {
        return jdbc.sql("SELECT sum(hits) FROM dqms.rate_limit WHERE bucket = :bucket")
                .param("bucket", bucket)
                .query(Integer.class)
                .single();
    }

    private Response signIn(String address) {
        return http.post(
                "/api/v1/auth/sign-in",
                Map.of("email", accounts.uniqueEmail(), "password", "Not-The-Password-123"),
                FORWARDED_FOR,
                address);
    }

    private HttpResponse<String> raw(String path, String body, String address) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Content-Type", "application/json")
                                .header(FORWARDED_FOR, address)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTooManyRequests(Response response, long retryAfterSeconds) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isEqualTo(Long.toString(retryAfterSeconds));
        assertThat(response.header("Content-Type")).startsWith(PROBLEM);
        assertThat(response.json().get("status").asInt()).isEqualTo(429);
        assertThat(response.json().get("title").asString()).isEqualTo("Too many requests");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("Too many requests; try again in " + retryAfterSeconds + " seconds.");
    }

    private Department department() {
        String prefix = "R" + letters(SEQUENCE.getAndIncrement());
        Actor admin = Actor.staff("rate-limit-test");
        Department created = departments.create(
                admin,
                new DepartmentDetails("Rate " + prefix, new DepartmentPrefix(prefix), ZoneId.of("UTC"), 500, 15));
        return departments.setHours(
                admin,
                created.id(),
                WeeklyHours.weekly(List.of(DayOfWeek.values()), List.of(OpeningTime.of("00:00", "23:59"))));
    }

    private static String tokens(Department department) {
        return "/api/v1/departments/" + department.id() + "/tokens";
    }

    private static String phone() {
        return "+9177" + String.format("%08d", SEQUENCE.getAndIncrement() % 100_000_000);
    }

    private static Map<String, Object> joinBody(String phone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("patientName", "Patient " + letters(SEQUENCE.getAndIncrement()));
        body.put("phone", phone);
        return body;
    }

    private static Map<String, Object> signUpBody(String phone) {
        return Map.of(
                "name",
                "Rate Limit Patient",
                "phone",
                phone,
                "email",
                "rate-limit-" + SEQUENCE.getAndIncrement() + "@example.org",
                "password",
                TestAccounts.PASSWORD);
    }

    private static String letters(int n) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            letters.append((char) ('A' + n % 26));
            n /= 26;
        }
        return letters.toString();
    }

    /** The application's clock, standing 20 seconds into a minute. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
