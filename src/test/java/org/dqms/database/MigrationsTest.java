package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.dqms.platform.Deployment;
import org.dqms.testing.MigrationFiles;
import org.dqms.testing.TestPostgres;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

class MigrationsTest {

    private static TestPostgres postgres;
    private String database;
    private DatabaseConnections connections;

    @BeforeAll
    static void startServer() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopServer() {
        postgres.close();
    }

    @BeforeEach
    void openDatabase() {
        database = DatabaseFixtures.freshDatabase(postgres);
        connections = DatabaseFixtures.connections(postgres, database);
    }

    @AfterEach
    void closeConnections() {
        connections.close();
    }

    private Migrations migrations() {
        return new Migrations(connections, DatabaseFixtures.settings(null, null));
    }

    private JdbcClient superuser() {
        return JdbcClient.create(postgres.superuser(database));
    }

    @Test
    void flywayIsConfiguredForwardOnly() {
        Configuration configuration = migrations().flyway().getConfiguration();

        assertThat(configuration.isCleanDisabled()).isTrue();
        assertThat(configuration.isValidateOnMigrate()).isTrue();
        assertThat(configuration.isBaselineOnMigrate()).isFalse();
        assertThat(configuration.isOutOfOrder()).isFalse();
        assertThat(configuration.getSchemas()).containsExactly("dqms");
    }

    @Test
    void cleanIsRefused() {
        migrations().migrate();

        assertThatThrownBy(() -> migrations().flyway().clean()).isInstanceOf(FlywayException.class);
        assertThat(superuser()
                        .sql("SELECT count(*) FROM dqms.installation")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void secondMigrateIsANoOp() {
        assertThat(migrations().migrate().migrationsExecuted).isEqualTo(MigrationFiles.count());
        assertThat(migrations().migrate().migrationsExecuted).isZero();

        assertThat(historyRows()).isEqualTo(MigrationFiles.count());
        assertThat(migrations().state().upToDate()).isTrue();
    }

    @Test
    void migratedObjectsBelongToTheOwnerRole() {
        migrations().migrate();

        List<String> owners = superuser()
                .sql("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'dqms'")
                .query(String.class)
                .list();
        assertThat(owners).containsExactly(RoleLayout.OWNER);
        assertThat(superuser()
                        .sql("SELECT installed_by FROM dqms.flyway_schema_history WHERE version = '1'")
                        .query(String.class)
                        .single())
                .as("the history names the login that migrated, not the owner it acted as")
                .isEqualTo(RoleLayout.MIGRATOR);
    }

    @Test
    void concurrentMigratesApplyEachMigrationOnce() throws Exception {
        int runners = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < runners; i++) {
            DatabaseConnections own = DatabaseFixtures.connections(postgres, database);
            Callable<Integer> run = () -> {
                try (own) {
                    start.await();
                    // What is tested is that each migration applies once, not the lock timeout: a
                    // generous one keeps a slow machine from failing a runner that merely waited.
                    DatabaseSettings patient = TestSettings.defaults()
                            .migrationLockTimeout(Duration.ofMinutes(2))
                            .build();
                    return new Migrations(own, patient).migrate().migrationsExecuted;
                }
            };
            results.add(pool.submit(run));
        }
        start.countDown();
        List<Integer> executed = new ArrayList<>();
        for (Future<Integer> result : results) {
            executed.add(result.get());
        }
        pool.shutdown();

        // Flyway holds its lock per migration, so the runners may share the work between them
        // (seen: 14 and 2); what must hold is that together they applied each migration once.
        assertThat(executed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(MigrationFiles.count());
        assertThat(historyRows()).isEqualTo(MigrationFiles.count());
        assertThat(superuser()
                        .sql("SELECT count(*) FROM dqms.installation")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void pendingMigrationsAreCounted() {
        MigrationState before = migrations().state();
        assertThat(before.pending()).isEqualTo(MigrationFiles.count());
        assertThat(before.upToDate()).isFalse();
        assertThat(before.summary()).isEqualTo(MigrationFiles.allPending());

        migrations().migrate();

        assertThat(migrations().state().summary()).isEqualTo("up to date at version " + MigrationFiles.latest());
    }

    @Test
    void changedChecksumIsReported() {
        migrations().migrate();
        superuser()
                .sql("UPDATE dqms.flyway_schema_history SET checksum = 42 WHERE version = '1'")
                .update();

        MigrationState state = migrations().state();

        assertThat(state.upToDate()).isFalse();
        assertThat(state.summary()).startsWith("V1: ").containsIgnoringCase("checksum");
    }

    @Test
    void firstReadinessProbeReusesTheCheckAtStart() {
        migrations().migrate();
        MigrationsOnStart onStart = new MigrationsOnStart(
                migrations(), DatabaseFixtures.settings(null, null), new Deployment(true, false, null));
        onStart.apply();

        Health health = firstProbeAfterAChangedChecksum(onStart);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("message", "up to date at version " + MigrationFiles.latest());
    }

    @Test
    void firstReadinessProbeReusesTheMigrationAtStart() {
        MigrationsOnStart onStart = new MigrationsOnStart(
                migrations(), DatabaseFixtures.settings(null, null), new Deployment(false, false, null));
        onStart.apply();

        Health health = firstProbeAfterAChangedChecksum(onStart);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("message", "up to date at version " + MigrationFiles.latest())
                .containsEntry("applied", MigrationFiles.count())
                .containsEntry("pending", 0);
    }

    /**
     * A newer release's migration that failed half done is that release's to fix; this build's
     * schema is complete, and its instances must stay ready (a rollback needs them).
     */
    @Test
    void aFailedMigrationOfANewerReleaseLeavesThisBuildReady() {
        migrations().migrate();
        DatabaseFixtures.failedMigrationOfANewerRelease(superuser());
        MigrationsOnStart onStart = new MigrationsOnStart(
                migrations(), DatabaseFixtures.settings(null, null), new Deployment(true, false, null));
        onStart.apply();

        Health health = indicator(onStart).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("failed", 0)
                .containsEntry("failedOfNewerRelease", 1)
                .containsEntry("applied", MigrationFiles.count())
                .containsEntry(
                        "message",
                        "up to date at version " + MigrationFiles.latest()
                                + "; 1 failed migration of a newer release (V999), for that release to fix");
    }

    @Test
    void aFailedMigrationOfThisBuildMakesItUnready() {
        migrations().migrate();
        superuser()
                .sql("UPDATE dqms.flyway_schema_history SET success = false WHERE version = :version")
                .param("version", MigrationFiles.latest())
                .update();

        MigrationState state = migrations().state();

        assertThat(state.upToDate()).isFalse();
        assertThat(state.failed()).isEqualTo(1);
        assertThat(state.summary()).startsWith("1 failed migration: fix forward");
    }

    @Test
    void aSchemaBehindAtStartIsCheckedAgain() throws InterruptedException {
        MigrationsOnStart onStart = new MigrationsOnStart(
                migrations(), DatabaseFixtures.settings(null, null), new Deployment(true, false, null));
        onStart.apply();
        MigrationsHealthIndicator indicator = indicator(onStart);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        migrations().migrate();

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!indicator.health().getStatus().equals(Status.UP) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void migratorGivesUpOnALockInsteadOfQueueing() throws Exception {
        migrations().migrate();
        DatabaseSettings shortLock = TestSettings.defaults()
                .migrationLockTimeout(Duration.ofMillis(300))
                .build();
        Migrations withLockedTable = new Migrations(
                connections,
                shortLock,
                new LockRetries(2, Duration.ofMillis(100)),
                Migrations.LOCATION,
                "classpath:db/testmigration");

        try (Connection holder = postgres.superuser(database).getConnection();
                Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE dqms.installation IN ACCESS SHARE MODE");

            long started = System.nanoTime();
            assertThatThrownBy(withLockedTable::migrate)
                    .isInstanceOf(FlywayException.class)
                    .hasMessage("a migration did not get its lock within DATABASE_MIGRATION_LOCK_TIMEOUT"
                            + " (300ms) in 2 attempts; end the transaction that holds it, or run `migrate` again later"
                            + " (Failed to execute script V999__lock_installation.sql: ERROR: canceling statement due to"
                            + " lock timeout)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            holder.rollback();
        }
        assertThat(withLockedTable.migrate().migrationsExecuted).isEqualTo(1);
    }

    /**
     * With the default DATABASE_MIGRATION_LOCK_TIMEOUT, the application's statements that queue
     * behind a migration waiting for its lock get theirs before their own lock_timeout (5s), and
     * migrate tries again until the lock's holder has gone.
     */
    @Test
    void theApplicationKeepsWorkingWhileMigrateWaitsForALock() throws Exception {
        migrations().migrate();
        Migrations withLockedTable = new Migrations(
                connections, DatabaseFixtures.settings(null, null), Migrations.LOCATION, "classpath:db/testmigration");
        JdbcClient app = JdbcClient.create(connections.pooled());
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        Future<MigrateResult> migrate;
        try (Connection holder = postgres.superuser(database).getConnection();
                Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE dqms.installation IN ACCESS SHARE MODE");

            migrate = threads.submit(withLockedTable::migrate);
            for (int i = 0; i < 3; i++) {
                threads.submit(() -> readUntilStopped(app, reading, reads, failures));
            }
            // Longer than the application's lock_timeout, and than one attempt of the migrate.
            Thread.sleep(Duration.ofSeconds(8).toMillis());
            holder.rollback();
        }
        try {
            assertThat(migrate.get(2, TimeUnit.MINUTES).migrationsExecuted).isEqualTo(1);
        } finally {
            reading.set(false);
            threads.shutdown();
            assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(failures).isEmpty();
        assertThat(reads.get()).isPositive();
    }

    private static void readUntilStopped(
            JdbcClient app, AtomicBoolean reading, AtomicInteger reads, List<Throwable> failures) {
        while (reading.get()) {
            try {
                app.sql("SELECT count(*) FROM dqms.installation")
                        .query(Integer.class)
                        .single();
                reads.incrementAndGet();
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
    }

    /** The migrator's statement_timeout is 30 minutes; Flyway tries its lock once a second. */
    @Test
    void aSecondMigrateWaitsAsLongAsAMigrationStatementMayRun() {
        assertThat(migrations().flyway().getConfiguration().getLockRetryCount()).isEqualTo(30 * 60);
    }

    @Test
    void migrateWaitsForTheMigrateInProgress() throws Exception {
        migrations().migrate();
        Migrations second = new Migrations(
                connections, DatabaseFixtures.settings(null, null), Migrations.LOCATION, "classpath:db/testmigration");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<MigrateResult> migrate;
        try (Connection lock = DatabaseFixtures.flywayLockHeld(postgres, database)) {
            migrate = thread.submit(second::migrate);
            Thread.sleep(Duration.ofSeconds(3).toMillis());
            assertThat(migrate).as("waits for the lock").isNotDone();
        }
        assertThat(migrate.get(2, TimeUnit.MINUTES).migrationsExecuted).isEqualTo(1);
        thread.shutdown();
    }

    /** A validation now would find the changed checksum; a probe answering from the start does not. */
    private Health firstProbeAfterAChangedChecksum(MigrationsOnStart onStart) {
        superuser()
                .sql("UPDATE dqms.flyway_schema_history SET checksum = 42 WHERE version = '1'")
                .update();
        return indicator(onStart).health();
    }

    private MigrationsHealthIndicator indicator(MigrationsOnStart onStart) {
        return new MigrationsHealthIndicator(new SchemaGate(migrations()::state, onStart));
    }

    private int historyRows() {
        return superuser()
                .sql("SELECT count(*) FROM dqms.flyway_schema_history WHERE version IS NOT NULL AND success")
                .query(Integer.class)
                .single();
    }
}
