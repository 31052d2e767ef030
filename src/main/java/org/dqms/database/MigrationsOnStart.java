package org.dqms.database;

import java.util.Optional;
import org.dqms.platform.Deployment;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server does with migrations as it starts. In development it migrates; in production it
 * only checks, because migrations run before the rollout (the {@code migrate} command), and a
 * schema that is behind keeps the instance from becoming ready.
 */
final class MigrationsOnStart {

    private static final Logger log = LoggerFactory.getLogger(MigrationsOnStart.class);

    private final Migrations migrations;
    private final DatabaseSettings settings;
    private final Deployment deployment;
    private volatile Checked checked;

    MigrationsOnStart(Migrations migrations, DatabaseSettings settings, Deployment deployment) {
        this.migrations = migrations;
        this.settings = settings;
        this.deployment = deployment;
    }

    boolean migrates() {
        return migrates(settings, deployment);
    }

    static boolean migrates(DatabaseSettings settings, Deployment deployment) {
        return settings.migrateOnStart() != null ? settings.migrateOnStart() : !deployment.production();
    }

    void apply() {
        if (deployment.commandMode()) {
            return;
        }
        if (migrates()) {
            MigrateResult result = migrations.migrate();
            checked = new Checked(migrations.afterMigrate(result), System.nanoTime());
            log.info(
                    "Migrations: {} applied now; schema at version {}",
                    result.migrationsExecuted,
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
            return;
        }
        MigrationState state = migrations.state();
        checked = new Checked(state, System.nanoTime());
        if (state.upToDate() && state.failedOfNewerRelease().isEmpty()) {
            log.info("Migrations: {}", state.summary());
        } else if (state.upToDate()) {
            log.warn("Migrations: {}", state.summary());
        } else {
            log.error("Not ready: {}", state.summary());
        }
    }

    /**
     * The state the migration or the check at start found, so that the first readiness probe need
     * not validate the same migrations again; empty until the server has started.
     */
    Optional<Checked> checked() {
        return Optional.ofNullable(checked);
    }

    /** A state and when it was found, in {@link System#nanoTime()}. */
    record Checked(MigrationState state, long atNanos) {}
}
