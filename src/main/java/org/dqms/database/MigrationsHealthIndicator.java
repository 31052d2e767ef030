package org.dqms.database;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: an instance whose schema is behind its code refuses traffic until someone
 * runs {@code migrate}. A current schema stays current, so it is checked again only while behind.
 *
 * <p>The first answer reuses the check the server made at start ({@link MigrationsOnStart}), with
 * the same rules as a state found here: one that is up to date is kept, one that is behind is
 * checked again once it is {@code RECHECK} old. Keeping it is safe when another instance migrates
 * meanwhile: migrations only go forward, the ones this build does not know are ignored (Flyway's
 * default {@code *:future}), and each must keep the previous release working (docs/DATABASE.md), so
 * a schema that was current for this build stays usable by it. A schema that was behind is the only
 * case that can change for this instance, and it is looked at again every {@code RECHECK}.
 */
@Component
class MigrationsHealthIndicator implements HealthIndicator {

    private static final Duration RECHECK = Duration.ofSeconds(5);

    private final Migrations migrations;
    private final MigrationsOnStart onStart;
    private volatile MigrationState last;
    private volatile long checkedAt;

    MigrationsHealthIndicator(Migrations migrations, MigrationsOnStart onStart) {
        this.migrations = migrations;
        this.onStart = onStart;
    }

    @Override
    public Health health() {
        MigrationState state = current();
        Health.Builder health = state.upToDate() ? Health.up() : Health.outOfService();
        return health.withDetail("version", state.version())
                .withDetail("applied", state.applied())
                .withDetail("pending", state.pending())
                .withDetail("failed", state.failed())
                .withDetail("failedOfNewerRelease", state.failedOfNewerRelease().size())
                .withDetail("message", state.summary())
                .build();
    }

    private MigrationState current() {
        if (last == null) {
            onStart.checked().ifPresent(checked -> {
                checkedAt = checked.atNanos();
                last = checked.state();
            });
        }
        MigrationState known = last;
        long now = System.nanoTime();
        if (known != null && (known.upToDate() || now - checkedAt < RECHECK.toNanos())) {
            return known;
        }
        MigrationState fresh = migrations.state();
        last = fresh;
        checkedAt = now;
        return fresh;
    }
}
