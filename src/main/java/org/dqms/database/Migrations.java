package org.dqms.database;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Forward-only schema migrations over the direct connection. Clean is disabled, baselines and
 * out-of-order migrations are refused, and every migrate validates what was applied before.
 */
final class Migrations {

    static final String LOCATION = "classpath:db/migration";
    private static final Set<ErrorCode> COUNTED_ELSEWHERE = Set.of(
            CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED,
            CoreErrorCode.RESOLVED_REPEATABLE_MIGRATION_NOT_APPLIED,
            CoreErrorCode.FAILED_VERSIONED_MIGRATION,
            CoreErrorCode.FAILED_REPEATABLE_MIGRATION);
    private static final org.flywaydb.core.api.MigrationState FUTURE_FAILED =
            org.flywaydb.core.api.MigrationState.FUTURE_FAILED;

    /**
     * Runs on every migrator connection: a short lock_timeout so a migration never queues behind
     * long transactions while blocking everyone else, and the owner's identity when the layout of
     * docs/DATABASE.md exists, so that the owner owns every object.
     */
    private static final String INIT_SQL = """
            SET lock_timeout = '%dms';
            DO $$
            BEGIN
              IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'dqms_owner')
                 AND pg_has_role(current_user, 'dqms_owner', 'MEMBER') THEN
                SET ROLE dqms_owner;
              END IF;
            END
            $$;
            """;

    private static final String APPLIED = """
            SELECT count(*) FROM dqms.flyway_schema_history WHERE version IS NOT NULL AND success
            """;

    /** After a successful migrate, a failed row can only be a version this build does not know. */
    private static final String FAILED_OF_NEWER_RELEASE = """
            SELECT version FROM dqms.flyway_schema_history
            WHERE version IS NOT NULL AND NOT success
            ORDER BY installed_rank
            """;

    private final DatabaseConnections connections;
    private final DatabaseSettings settings;
    private final LockRetries lockRetries;
    private final String[] locations;

    Migrations(DatabaseConnections connections, DatabaseSettings settings) {
        this(connections, settings, LOCATION);
    }

    /** With other locations beside the application's, for tests of migration behaviour. */
    Migrations(DatabaseConnections connections, DatabaseSettings settings, String... locations) {
        this(connections, settings, LockRetries.DEFAULT, locations);
    }

    Migrations(
            DatabaseConnections connections, DatabaseSettings settings, LockRetries lockRetries, String... locations) {
        this.connections = connections;
        this.settings = settings;
        this.lockRetries = lockRetries;
        this.locations = locations.clone();
    }

    Flyway flyway() {
        PostgresUrl direct = connections.targets().requireDirect();
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(connections.direct(DatabaseConnections.MIGRATOR_NAME))
                // The login that ran a migration, not the owner role it acted as.
                .installedBy(direct.user() == null ? "" : direct.user())
                .locations(locations)
                .schemas(RoleLayout.SCHEMA)
                .defaultSchema(RoleLayout.SCHEMA)
                .createSchemas(true)
                .cleanDisabled(true)
                .validateOnMigrate(true)
                .baselineOnMigrate(false)
                .outOfOrder(false)
                .validateMigrationNaming(true)
                .initSql(INIT_SQL.formatted(settings.migrationLockTimeout().toMillis()))
                // Flyway tries its advisory lock once a second: a second migrate waits for the
                // first as long as a migration's statement may run, instead of Flyway's 50 seconds.
                .lockRetryCount((int) RoleLayout.MIGRATOR_STATEMENT_TIMEOUT.toSeconds())
                .load();
    }

    /** Applies what is pending; a migration that gave up waiting for a lock is tried again. */
    MigrateResult migrate() {
        return lockRetries.run(() -> flyway().migrate(), settings.migrationLockTimeout());
    }

    /**
     * The state a successful {@link #migrate()} left: nothing pending or failed of this build, and
     * every applied migration validated on the way ({@code validateOnMigrate}), so only the counts
     * are read.
     */
    MigrationState afterMigrate(MigrateResult result) {
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        JdbcClient history = JdbcClient.create(connections.direct(DatabaseConnections.MIGRATOR_NAME));
        int applied = history.sql(APPLIED).query(Integer.class).single();
        List<String> newer =
                history.sql(FAILED_OF_NEWER_RELEASE).query(String.class).list();
        return new MigrationState(version == null ? "none" : version, applied, 0, 0, newer, List.of());
    }

    /**
     * Compares the schema with this build. A failed migration of a version this build does not
     * know (Flyway's {@code FUTURE_FAILED}) was a newer release's: it is reported, not counted as
     * failed, since this build's own schema is complete.
     */
    MigrationState state() {
        Flyway flyway = flyway();
        MigrationInfoService info = flyway.info();
        List<MigrationInfo> all = List.of(info.all());
        List<MigrationInfo> succeeded = all.stream()
                .filter(m -> m.getState().isApplied() && !m.getState().isFailed())
                .toList();
        int failed = (int) all.stream()
                .filter(m -> m.getState().isFailed() && m.getState() != FUTURE_FAILED)
                .count();
        List<String> newer = all.stream()
                .filter(m -> m.getState() == FUTURE_FAILED)
                .map(m -> m.getVersion().getVersion())
                .toList();
        List<String> problems = flyway.validateWithResult().invalidMigrations.stream()
                .filter(output -> !COUNTED_ELSEWHERE.contains(output.errorDetails.errorCode))
                .map(Migrations::describe)
                .toList();
        String version = succeeded.stream()
                .map(MigrationInfo::getVersion)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .map(MigrationVersion::getVersion)
                .orElse("none");
        return new MigrationState(version, succeeded.size(), info.pending().length, failed, newer, problems);
    }

    List<MigrationInfo> list() {
        return List.of(flyway().info().all());
    }

    private static String describe(ValidateOutput output) {
        String which = output.version == null || output.version.isEmpty() ? output.description : "V" + output.version;
        return which + ": "
                + output.errorDetails.errorMessage.lines().findFirst().orElse("invalid");
    }
}
