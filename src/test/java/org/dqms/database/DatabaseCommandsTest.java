package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dqms.DqmsApplication;
import org.dqms.platform.CommandLine;
import org.dqms.testing.MigrationFiles;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The commands of the jar, run as {@code java -jar dqms.jar ...} would run them. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseCommandsTest {

    private static TestPostgres postgres;
    private String database;

    @BeforeAll
    static void startServer() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopServer() {
        postgres.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = DatabaseFixtures.freshDatabase(postgres);
    }

    private int run(String... words) {
        return runWith(
                DatabaseFixtures.appUrl(postgres, database), DatabaseFixtures.migratorUrl(postgres, database), words);
    }

    private static int runWith(String url, String directUrl, String... words) {
        String[] args = Stream.concat(
                        Stream.of(words),
                        Stream.of(
                                "--DATABASE_URL=" + url,
                                "--DIRECT_DATABASE_URL=" + directUrl,
                                "--DQMS_DATA_DIR=target"))
                .toArray(String[]::new);
        return CommandLine.run(DqmsApplication.class, args);
    }

    @Test
    void migrateAppliesThenFindsNothingToDo(CapturedOutput output) {
        assertThat(run("migrate")).isZero();
        assertThat(output.getOut())
                .contains("Applied " + MigrationFiles.count() + " migration(s); the schema is now at version "
                        + MigrationFiles.latest());

        assertThat(run("migrate")).isZero();
        assertThat(output.getOut())
                .contains("Nothing to migrate: the schema is up to date at version " + MigrationFiles.latest());
        assertThat(historyRows()).isEqualTo(MigrationFiles.count());
    }

    @Test
    void twoMigrateCommandsAtOnceApplyOnce() throws Exception {
        // Two applications starting at once in one JVM race in Logback's shared context (a real
        // `migrate` is a process of its own); the logging system stays as it is for these two.
        String loggingSystem = "org.springframework.boot.logging.LoggingSystem";
        System.setProperty(loggingSystem, "none");
        try {
            migrateTwiceAtOnce();
        } finally {
            System.clearProperty(loggingSystem);
        }
        assertThat(historyRows()).isEqualTo(MigrationFiles.count());
    }

    private void migrateTwiceAtOnce() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<Integer>> codes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            codes.add(threads.submit(() -> {
                start.await();
                return run("migrate");
            }));
        }
        start.countDown();
        for (Future<Integer> code : codes) {
            assertThat(code.get()).isZero();
        }
        threads.shutdown();
    }

    /**
     * A command works over the direct URL. It must not fill the application pool with
     * DATABASE_POOL_SIZE sessions it never uses; this one waits for Flyway's lock meanwhile.
     */
    @Test
    void aCommandOpensNoApplicationSessions() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<Integer> migrate;
        try (Connection lock = DatabaseFixtures.flywayLockHeld(postgres, database)) {
            migrate = thread.submit(() -> run("migrate"));
            // The command's context may take a while to start on a busy machine.
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (sessions(DatabaseConnections.MIGRATOR_NAME) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(sessions(DatabaseConnections.MIGRATOR_NAME)).isPositive();
            // The pool opened before the migrator's session; HikariCP fills one within a second.
            Thread.sleep(Duration.ofSeconds(2).toMillis());

            assertThat(sessions(DatabaseConnections.APP_NAME)).isZero();
            assertThat(migrate).as("waits for the lock").isNotDone();
        }
        assertThat(migrate.get(2, TimeUnit.MINUTES)).isZero();
        thread.shutdown();
    }

    private int sessions(String applicationName) {
        return JdbcClient.create(postgres.superuser(database))
                .sql("SELECT count(*) FROM pg_stat_activity WHERE datname = :database AND application_name = :name")
                .param("database", database)
                .param("name", applicationName)
                .query(Integer.class)
                .single();
    }

    @Test
    void statusFailsWhilePendingAndPassesWhenCurrent(CapturedOutput output) {
        assertThat(run("migrate", "status")).isEqualTo(1);
        assertThat(output.getOut()).contains("installation").contains("Pending").contains(MigrationFiles.allPending());

        run("migrate");

        assertThat(run("migrate", "status")).isZero();
        assertThat(output.getOut()).contains("Success").contains("up to date at version " + MigrationFiles.latest());
    }

    @Test
    void statusPassesBesideAFailedMigrationOfANewerRelease(CapturedOutput output) {
        run("migrate");
        DatabaseFixtures.failedMigrationOfANewerRelease(JdbcClient.create(postgres.superuser(database)));

        assertThat(run("migrate", "status")).isZero();
        assertThat(output.getOut())
                .containsPattern("999 +newer release +Failed \\(Future\\)")
                .contains(MigrationFiles.count() + " applied, 0 pending, 0 failed: up to date at version "
                        + MigrationFiles.latest() + "; 1 failed migration of a newer release (V999)");
    }

    @Test
    void dbCheckReportsBothConnections(CapturedOutput output) {
        run("migrate");

        assertThat(run("db", "check")).isZero();

        assertThat(output.getOut())
                .contains("DATABASE_URL")
                .contains("postgresql://dqms_app:****@localhost:" + postgres.port() + "/" + database)
                .contains("DIRECT_DATABASE_URL")
                .contains("postgresql://dqms_migrator:****@localhost:")
                .contains("yes, ")
                .contains("PostgreSQL 17")
                .contains("tls            off")
                .contains("dqms_app (superuser: no, schema owner: no)")
                .contains("dqms_migrator (superuser: no, schema owner: yes)")
                .contains("none detected")
                .contains("up to date at version " + MigrationFiles.latest())
                .containsPattern("installation +[0-9a-f]{8}-[0-9a-f]{4}-")
                .contains("warning: DATABASE_URL: sslmode=disable does not require TLS")
                .endsWith("OK" + System.lineSeparator())
                .doesNotContain(DatabaseFixtures.APP_PASSWORD)
                .doesNotContain(DatabaseFixtures.MIGRATOR_PASSWORD);
    }

    @Test
    void dbCheckFailsWithOneLinePerProblem(CapturedOutput output) {
        String unreachable = "postgresql://dqms_migrator:" + DatabaseFixtures.MIGRATOR_PASSWORD
                + "@localhost:1/dqms?sslmode=disable";

        assertThat(runWith(DatabaseFixtures.appUrl(postgres, database), unreachable, "db", "check"))
                .isEqualTo(1);

        assertThat(output.getOut())
                .contains("problem: DIRECT_DATABASE_URL: cannot connect")
                .contains("1 problem(s)")
                .doesNotContain(DatabaseFixtures.MIGRATOR_PASSWORD);
    }

    @Test
    void dbCheckReportsPendingMigrations(CapturedOutput output) {
        assertThat(run("db", "check")).isEqualTo(1);
        assertThat(output.getOut()).contains("problem: migrations: " + MigrationFiles.allPending());
    }

    @Test
    void dbRolesPrintsItsScript(CapturedOutput output) {
        assertThat(run("db", "roles", "--print")).isZero();
        assertThat(output.getOut())
                .contains("CREATE ROLE dqms_owner NOLOGIN")
                .contains("ALTER DEFAULT PRIVILEGES FOR ROLE dqms_owner IN SCHEMA dqms");
    }

    /**
     * {@code --app-password-file=F} is the command's option, as {@code --app-password-file F} is.
     * Before, it was taken for a setting and dropped: the roles were applied with no password set.
     */
    @Test
    void dbRolesTakesItsOptionsWithAnEqualsSign(CapturedOutput output, @TempDir Path files) throws Exception {
        Path password = Files.writeString(files.resolve("app"), DatabaseFixtures.APP_PASSWORD + "\n");
        JdbcClient superuser = JdbcClient.create(postgres.superuser(database));
        superuser.sql("ALTER ROLE dqms_app PASSWORD 'not-the-one-in-the-file'").update();
        String before = appPasswordVerifier(superuser);

        String admin = postgres.url("postgres", null, database, "sslmode=disable");
        assertThat(runWith(admin, admin, "db", "roles", "--app-password-file=" + password))
                .isZero();

        assertThat(output.getOut()).contains("passwords set for: dqms_app");
        assertThat(appPasswordVerifier(superuser)).isNotEqualTo(before);
    }

    private static String appPasswordVerifier(JdbcClient superuser) {
        return superuser
                .sql("SELECT rolpassword FROM pg_authid WHERE rolname = 'dqms_app'")
                .query(String.class)
                .single();
    }

    @Test
    void unknownCommandShowsUsage(CapturedOutput output) {
        assertThat(run("frobnicate")).isEqualTo(CommandLine.USAGE);
        assertThat(output.getErr()).contains("usage: java -jar dqms.jar").contains("migrate status");
    }

    @Test
    void serverStaysUnreadyUntilMigrated() throws Exception {
        Map<String, String> variables = Map.of(
                "DATABASE_URL", DatabaseFixtures.appUrl(postgres, database),
                "DIRECT_DATABASE_URL", DatabaseFixtures.migratorUrl(postgres, database),
                "DQMS_MIGRATE_ON_START", "false");
        try (RunningApp app = RunningApp.start(variables)) {
            HttpResponse<String> notReady = readiness(app);
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains(MigrationFiles.allPending());
            assertThat(historyRows()).isZero();

            assertThat(run("migrate")).isZero();

            HttpResponse<String> ready = readiness(app);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                ready = readiness(app);
            }
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("up to date at version " + MigrationFiles.latest());
        }
    }

    private static HttpResponse<String> readiness(RunningApp app) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(app.baseUrl() + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private int historyRows() {
        return JdbcClient.create(postgres.superuser(database))
                                .sql(
                                        "SELECT count(*) FROM pg_tables WHERE schemaname = 'dqms' AND tablename = 'flyway_schema_history'")
                                .query(Integer.class)
                                .single()
                        == 0
                ? 0
                : JdbcClient.create(postgres.superuser(database))
                        .sql("SELECT count(*) FROM dqms.flyway_schema_history WHERE version IS NOT NULL AND success")
                        .query(Integer.class)
                        .single();
    }
}
