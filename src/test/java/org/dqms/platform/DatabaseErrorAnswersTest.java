package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.department.JsonApi;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * What the API answers when PostgreSQL refuses a statement, made to fail for real by a test-only
 * endpoint: a statement timeout, a deadlock and a serialization failure are 503 with {@code
 * Retry-After}, logged at WARN in one line; a data exception that no request's value can cause is a
 * fault of dqms (500, logged at ERROR), while one that a bound value causes is a bad request (400).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class DatabaseErrorAnswersTest {

    private static final Actor SETUP = Actor.staff("test-setup");
    private static final String FAULTS = "/api/v1/test-faults";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    DepartmentService departments;

    @Autowired
    ApplicationContext context;

    @Autowired
    Faults faults;

    private ApiClient admin;
    private Department first;
    private Department second;

    @BeforeEach
    void setUp() {
        admin = ApiClient.asAdmin(port, accounts);
        Hospital hospital = new Hospital(context);
        first = hospital.department();
        second = hospital.department();
    }

    @AfterEach
    void cleanUp() {
        departments.delete(SETUP, first.id());
        departments.delete(SETUP, second.id());
    }

    @Test
    void aStatementTimeoutIsToldToTryAgain(CapturedOutput output) {
        HttpResponse<String> answer = post("/statement-timeout");

        BusyAnswers.assertToldToTryAgain(answer);
        assertThat(output.getAll()).contains(BusyAnswers.logged("QueryTimeoutException", "57014"));
    }

    /** Each request locks one department and then the other's, in opposite orders: one of them loses. */
    @Test
    void theLoserOfADeadlockIsToldToTryAgainAndTheOtherGoesThrough(CapturedOutput output) throws Exception {
        List<HttpResponse<String>> answers =
                together("/deadlock/" + first.id() + "/" + second.id(), "/deadlock/" + second.id() + "/" + first.id());

        assertOneToldToTryAgainAndOneThrough(answers);
        assertThat(output.getAll()).contains(BusyAnswers.logged("DeadlockLoserDataAccessException", "40P01"));
    }

    /** Both read the department in one snapshot, then both update it: the second cannot. */
    @Test
    void aSerializationFailureIsToldToTryAgainAndTheOtherGoesThrough(CapturedOutput output) throws Exception {
        String path = "/serialization/" + first.id();

        List<HttpResponse<String>> answers = together(path, path);

        assertOneToldToTryAgainAndOneThrough(answers);
        assertThat(output.getAll()).contains(BusyAnswers.logged("CannotSerializeTransactionException", "40001"));
    }

    @ParameterizedTest
    @CsvSource({
        "division-by-zero, 22012",
        "cast-of-stored-text, 22P02",
        "bad-regular-expression, 2201B",
        "bad-argument, 22023"
    })
    void aDataExceptionOfDqmsOwnSqlIsAnInternalErrorNotABadRequest(
            String fault, String sqlState, CapturedOutput output) {
        HttpResponse<String> answer = post("/sql/" + fault);

        assertThat(answer.statusCode()).isEqualTo(500);
        JsonNode problem = JsonApi.parse(answer.body());
        assertThat(problem.path("title").asString()).isEqualTo("Internal error");
        assertThat(answer.body()).doesNotContain("SQL").doesNotContain(sqlState);
        assertThat(output.getAll().lines().filter(line -> line.contains("Unexpected failure")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("ERROR"));
        assertThat(output.getAll()).contains("SQL state [" + sqlState + "]");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/text?value=Four | A text in the request is longer than can be stored.",
                "/number?value=70000 | A number in the request is out of range.",
                "/date?year=6000000 | A date or time in the request is out of range or not in a form that can be stored."
            })
    void aValueOfTheRequestThatTheDatabaseRefusesIsStillABadRequest(String path, String detail) {
        HttpResponse<String> answer = post(path);

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode problem = JsonApi.parse(answer.body());
        assertThat(problem.path("title").asString()).isEqualTo("Invalid data");
        assertThat(problem.path("detail").asString()).isEqualTo(detail);
    }

    private static void assertOneToldToTryAgainAndOneThrough(List<HttpResponse<String>> answers) {
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 503);
        BusyAnswers.assertToldToTryAgain(answers.stream()
                .filter(answer -> answer.statusCode() == 503)
                .findFirst()
                .orElseThrow());
    }

    private HttpResponse<String> post(String path) {
        return admin.send(HttpRequest.newBuilder(admin.uri(FAULTS + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private List<HttpResponse<String>> together(String one, String other) throws Exception {
        faults.pairUp();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> a = threads.submit(() -> post(one));
            Future<HttpResponse<String>> b = threads.submit(() -> post(other));
            return List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FaultsEndpoint {

        @Bean
        Faults faults(JdbcClient jdbc, PlatformTransactionManager transactions) {
            return new Faults(jdbc, transactions);
        }
    }

    /**
     * Statements that PostgreSQL refuses, each in a transaction of its own as a service would run
     * it. Two requests meet at a barrier, so each has taken its first lock before either goes on.
     */
    @RestController
    @RequestMapping(FAULTS)
    static class Faults {

        private final JdbcClient jdbc;
        private final TransactionTemplate transaction;
        private final TransactionTemplate snapshot;
        private volatile CyclicBarrier pair;

        Faults(JdbcClient jdbc, PlatformTransactionManager transactions) {
            this.jdbc = jdbc;
            this.transaction = new TransactionTemplate(transactions);
            this.snapshot = new TransactionTemplate(transactions);
            snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        }

        void pairUp() {
            pair = new CyclicBarrier(2);
        }

        @PostMapping("/statement-timeout")
        void statementTimeout() {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("SET LOCAL statement_timeout = '100ms'").update();
                jdbc.sql("SELECT pg_sleep(2)").query().listOfRows();
            });
        }

        @PostMapping("/deadlock/{first}/{second}")
        void deadlock(@PathVariable long first, @PathVariable long second) {
            transaction.executeWithoutResult(status -> {
                lock(first);
                meet();
                lock(second);
            });
        }

        @PostMapping("/serialization/{id}")
        void serialization(@PathVariable long id) {
            snapshot.executeWithoutResult(status -> {
                jdbc.sql("SELECT name FROM dqms.department WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single();
                meet();
                jdbc.sql("UPDATE dqms.department SET name = name WHERE id = :id")
                        .param("id", id)
                        .update();
            });
        }

        /** Statements of dqms' own that fail whatever a request holds. */
        private static final Map<String, String> FAULTY = Map.of(
                "division-by-zero", "SELECT 1 / 0",
                "cast-of-stored-text", "SELECT CAST(v AS integer) FROM (VALUES ('seven')) AS stored (v)",
                "bad-regular-expression", "SELECT 'a' ~ '('",
                "bad-argument", "SELECT count(*) FROM generate_series(1, 3, 0)");

        @PostMapping("/sql/{fault}")
        void sql(@PathVariable String fault) {
            jdbc.sql(FAULTY.get(fault)).query().listOfRows();
        }

        /** The value goes into a column of three characters. */
        @PostMapping("/text")
        void text(@RequestParam String value) {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("CREATE TEMPORARY TABLE short_text (v varchar(3)) ON COMMIT DROP")
                        .update();
                jdbc.sql("INSERT INTO short_text (v) VALUES (:value)")
                        .param("value", value)
                        .update();
            });
        }

        @PostMapping("/number")
        void number(@RequestParam int value) {
            jdbc.sql("SELECT CAST(:value AS smallint)")
                    .param("value", value)
                    .query()
                    .listOfRows();
        }

        @PostMapping("/date")
        void date(@RequestParam int year) {
            jdbc.sql("SELECT CAST(:value AS date)")
                    .param("value", LocalDate.of(year, 1, 1))
                    .query()
                    .listOfRows();
        }

        private void lock(long department) {
            jdbc.sql("SELECT id FROM dqms.department WHERE id = :id FOR UPDATE")
                    .param("id", department)
                    .query(Long.class)
                    .single();
        }

        private void meet() {
            try {
                pair.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other request did not come", e);
            }
        }
    }
}
