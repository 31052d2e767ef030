package org.dqms.database;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: an instance whose schema is behind its code refuses traffic until someone
 * runs {@code migrate}. A current schema stays current, so it is checked again only while behind.
 */
@Component
class MigrationsHealthIndicator implements HealthIndicator {

    private static final Duration RECHECK = Duration.ofSeconds(5);

    private final Migrations migrations;
    private volatile MigrationState last;
    private volatile long checkedAt;

    MigrationsHealthIndicator(Migrations migrations) {
        this.migrations = migrations;
    }

    @Override
    public Health health() {
        MigrationState state = current();
        Health.Builder health = state.upToDate() ? Health.up() : Health.outOfService();
        return health.withDetail("version", state.version())
                .withDetail("applied", state.applied())
                .withDetail("pending", state.pending())
                .withDetail("failed", state.failed())
                .withDetail("message", state.summary())
                .build();
    }

    private MigrationState current() {
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
