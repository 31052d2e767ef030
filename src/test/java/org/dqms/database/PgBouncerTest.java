package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.dqms.testing.PgBouncer;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * dqms behind a real PgBouncer in transaction mode, the way Supabase and Neon pool connections:
 * application traffic through the pooler, migrations over the direct connection.
 */
@ExtendWith(OutputCaptureExtension.class)
class PgBouncerTest {

    private static final String DATABASE = "dqms";
    private static final String MIGRATOR_PASSWORD = "mig-" + UUID.randomUUID();
    private static final String APP_PASSWORD = "app-" + UUID.randomUUID();
    private static final int THREADS = 8;
    private static final int QUERIES_PER_THREAD = 300;
    private static final String PREPARED_STATEMENT_ERROR =
            "prepared statement \"S_\\d+\" (does not exist|already exists)";

    private static TestPostgres postgres;
    private static PgBouncer pgbouncer;

    @BeforeAll
    static void startDatabaseAndPooler() throws SQLException {
        postgres = TestPostgres.start();
        postgres.createDatabase(DATABASE);
        try (Connection admin = postgres.superuser(DATABASE).getConnection()) {
            RoleLayout.apply(admin, Map.of(RoleLayout.MIGRATOR, MIGRATOR_PASSWORD, RoleLayout.APP, APP_PASSWORD));
        }
        pgbouncer = PgBouncer.start(postgres.port(), DATABASE, Map.of(RoleLayout.APP, APP_PASSWORD));
    }

    @AfterAll
    static void stop() {
        try {
            if (pgbouncer != null) {
                pgbouncer.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void servesTrafficThroughPgBouncerAndMigratesOverTheDirectConnection() throws Exception {
        try (RunningApp app = RunningApp.start(
                Map.of("DATABASE_URL", pooledUrl(), "DIRECT_DATABASE_URL", directUrl(), "DATABASE_POOL_SIZE", "10"))) {
            JdbcClient superuser = JdbcClient.create(postgres.superuser(DATABASE));
            assertThat(superuser
                            .sql("SELECT count(*) FROM dqms.flyway_schema_history WHERE success")
                            .query(Long.class)
                            .single())
                    .isPositive();
            // The login that migrated: the migrator on the direct URL, never dqms_app behind PgBouncer.
            assertThat(superuser
                            .sql("SELECT DISTINCT installed_by FROM dqms.flyway_schema_history")
                            .query(String.class)
                            .list())
                    .singleElement()
                    .isEqualTo(RoleLayout.MIGRATOR);

            HttpResponse<String> readiness = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(app.baseUrl() + "/actuator/health/readiness"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"status\":\"UP\"");

            UUID installation = installation();
            long queriesBefore = pgbouncer.stats(DATABASE).get("total_query_count");

            Load load = runLoad(app.context().getBean(DataSource.class), installation);

            assertThat(load.errors()).isEmpty();
            assertThat(load.correct()).isEqualTo(THREADS * QUERIES_PER_THREAD);
            assertThat(queriesRelayedSince(queriesBefore, THREADS * QUERIES_PER_THREAD))
                    .as("queries PgBouncer relayed to dqms while the load ran")
                    .isGreaterThanOrEqualTo(THREADS * QUERIES_PER_THREAD);
        }
    }

    /**
     * The negative control: with server-side prepared statements (what pgjdbc does by default after
     * five uses), the same load breaks behind PgBouncer 1.18 in transaction mode.
     */
    @Test
    void serverSidePreparedStatementsBreakBehindPgBouncer() throws Exception {
        Map<String, String> variables = Map.of(
                "DATABASE_URL",
                pooledUrl(),
                "DIRECT_DATABASE_URL",
                directUrl(),
                "DATABASE_POOL_SIZE",
                "10",
                "DATABASE_PREPARE_THRESHOLD",
                "1");
        List<String> errors;
        RunningApp app;
        try {
            app = RunningApp.start(variables);
        } catch (RuntimeException startup) {
            // The startup checks' own queries may already meet the problem.
            assertThat(rootMessage(startup)).containsPattern(PREPARED_STATEMENT_ERROR);
            return;
        }
        try (app) {
            errors = runLoad(app.context().getBean(DataSource.class), installation())
                    .errors();
        }

        assertThat(errors)
                .as("errors from server-side prepared statements behind a transaction pooler")
                .isNotEmpty()
                .anySatisfy(error -> assertThat(error).containsPattern(PREPARED_STATEMENT_ERROR));
    }

    @Test
    void refusesToStartBehindPgBouncerWithoutADirectUrl(CapturedOutput output) {
        assertThatThrownBy(() -> RunningApp.start(Map.of("DATABASE_URL", pooledUrl())))
                .isInstanceOf(RuntimeException.class);

        List<String> refusals = output.getAll()
                .lines()
                .filter(line -> line.contains("dqms cannot start:"))
                .toList();
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0))
                .contains("dqms cannot start: DIRECT_DATABASE_URL: not set, and DATABASE_URL says pgbouncer=true");
        assertThat(output.getAll()).doesNotContain(APP_PASSWORD).doesNotContain(MIGRATOR_PASSWORD);
    }

    /** PgBouncer's query count for dqms since {@code before}, waiting a little for it to reach {@code expected}. */
    private static long queriesRelayedSince(long before, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long relayed = pgbouncer.stats(DATABASE).get("total_query_count") - before;
        while (relayed < expected && System.nanoTime() < deadline) {
            Thread.sleep(200); // in case the totals lag by a stats_period
            relayed = pgbouncer.stats(DATABASE).get("total_query_count") - before;
        }
        return relayed;
    }

    /** The installation id, read as the superuser once the app has migrated. */
    private static UUID installation() {
        return JdbcClient.create(postgres.superuser(DATABASE))
                .sql("SELECT id FROM dqms.installation WHERE singleton")
                .query(UUID.class)
                .single();
    }

    private static String pooledUrl() {
        return "postgresql://" + RoleLayout.APP + ":" + APP_PASSWORD + "@127.0.0.1:" + pgbouncer.port() + "/" + DATABASE
                + "?sslmode=disable&pgbouncer=true";
    }

    private static String directUrl() {
        return postgres.url(RoleLayout.MIGRATOR, MIGRATOR_PASSWORD, DATABASE, "sslmode=disable");
    }

    /** The innermost message, where the driver puts the server's words. */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private record Load(int correct, List<String> errors) {}

    /** Each thread alternates two parameterised queries through the application's pool. */
    private static Load runLoad(DataSource dataSource, UUID installation) throws Exception {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        AtomicInteger correct = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < QUERIES_PER_THREAD; i++) {
                        try {
                            if (i % 2 == 0) {
                                int n = thread * QUERIES_PER_THREAD + i;
                                Integer answer = jdbc.sql("SELECT :n::int + 1")
                                        .param("n", n)
                                        .query(Integer.class)
                                        .single();
                                if (answer == n + 1) {
                                    correct.incrementAndGet();
                                } else {
                                    errors.add("SELECT " + n + " + 1 answered " + answer);
                                }
                            } else {
                                UUID id = jdbc.sql("SELECT id FROM dqms.installation WHERE singleton = :s")
                                        .param("s", true)
                                        .query(UUID.class)
                                        .single();
                                if (installation.equals(id)) {
                                    correct.incrementAndGet();
                                } else {
                                    errors.add("installation id " + id + ", expected " + installation);
                                }
                            }
                        } catch (RuntimeException e) {
                            errors.add(rootMessage(e));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Load(correct.get(), List.copyOf(errors));
    }
}
