package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.dqms.testing.MigrationFiles;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

/**
 * An instance started on a schema one migration behind its code, as production starts (it checks,
 * it does not migrate), runs none of its background work until someone runs {@code migrate}, and
 * then starts it by itself: the notification dispatcher (a loop on {@code Rounds}), the scheduler
 * of the {@code @Scheduled} sweeps, and the LISTEN session.
 */
class SchemaBehindTest {

    private static final Duration BEHIND_FOR = Duration.ofSeconds(3);
    private static final Duration OPENS_WITHIN = Duration.ofSeconds(30);

    private static TestPostgres postgres;
    private static String database;
    private static JdbcClient superuser;

    @BeforeAll
    static void startOneMigrationBehind() {
        postgres = TestPostgres.start();
        database = DatabaseFixtures.freshDatabase(postgres);
        superuser = JdbcClient.create(postgres.superuser(database));
        try (DatabaseConnections connections = DatabaseFixtures.connections(postgres, database)) {
            Flyway.configure(Migrations.class.getClassLoader())
                    .configuration(migrations(connections).flyway().getConfiguration())
                    .target(MigrationFiles.beforeLatest())
                    .load()
                    .migrate();
        }
        // Due now, to a gateway that refuses connections: any dispatch round counts an attempt on it.
        superuser.sql("""
                        INSERT INTO dqms.notification_outbox
                            (idempotency_key, kind, channel, recipient, body, status, next_attempt_at, created_at)
                        VALUES ('schema-behind', 'CALLED', 'SMS', '+15550100', 'Your turn', 'PENDING', now(), now())
                        """).update();
    }

    @AfterAll
    static void stopServer() {
        postgres.close();
    }

    @Test
    void backgroundWorkWaitsForTheSchemaAndStartsOnceMigrated() throws Exception {
        Map<String, String> checkOnly = Map.of(
                "DATABASE_URL",
                DatabaseFixtures.appUrl(postgres, database),
                "DIRECT_DATABASE_URL",
                DatabaseFixtures.migratorUrl(postgres, database),
                "DQMS_MIGRATE_ON_START",
                "false",
                "DQMS_NOTIFY_POLL_INTERVAL",
                "100ms",
                "DQMS_SMS_PROVIDER",
                "webhook",
                "DQMS_SMS_PROVIDER_URL",
                "http://127.0.0.1:9/sms",
                "DQMS_SMS_PROVIDER_SECRET",
                "a-test-gateway-secret-of-at-least-32-characters");
        try (RunningApp app = RunningApp.start(checkOnly)) {
            Thread.sleep(BEHIND_FOR.toMillis());
            assertThat(dispatchAttempts())
                    .as("dispatch attempts while the schema is behind")
                    .isZero();
            assertThat(listeningSessions())
                    .as("LISTEN sessions while the schema is behind")
                    .isZero();
            assertThat(readiness(app)).isEqualTo(503);

            // The scheduler of every @Scheduled method: Spring takes the only TaskScheduler.
            AtomicInteger scheduledRounds = new AtomicInteger();
            app.context()
                    .getBean(TaskScheduler.class)
                    .scheduleWithFixedDelay(scheduledRounds::incrementAndGet, Duration.ofMillis(100));
            Thread.sleep(1000);
            assertThat(scheduledRounds)
                    .as("scheduled rounds while the schema is behind")
                    .hasValue(0);

            try (DatabaseConnections connections = DatabaseFixtures.connections(postgres, database)) {
                migrations(connections).migrate();
            }

            awaitTrue(() -> dispatchAttempts() > 0, "a dispatch attempt after migrate");
            awaitTrue(() -> scheduledRounds.get() > 0, "a scheduled round after migrate");
            awaitTrue(() -> listeningSessions() == 1, "the LISTEN session after migrate");
            assertThat(readiness(app)).isEqualTo(200);
        }
    }

    private static Migrations migrations(DatabaseConnections connections) {
        return new Migrations(connections, DatabaseFixtures.settings(null, null));
    }

    private static int dispatchAttempts() {
        return superuser
                .sql("SELECT attempts FROM dqms.notification_outbox WHERE idempotency_key = 'schema-behind'")
                .query(Integer.class)
                .single();
    }

    private static int listeningSessions() {
        return superuser
                .sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dqms-listen'")
                .query(Integer.class)
                .single();
    }

    private static int readiness(RunningApp app) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(app.baseUrl() + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + OPENS_WITHIN.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
