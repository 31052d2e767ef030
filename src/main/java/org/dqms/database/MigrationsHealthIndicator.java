package org.dqms.database;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: an instance whose schema is behind its code refuses traffic until someone
 * runs {@code migrate}. The state is the {@link SchemaGate}'s, which also holds back the instance's
 * background work: the first answer reuses the check the server made at start, and a schema that is
 * behind is looked at again every few seconds.
 */
@Component
class MigrationsHealthIndicator implements HealthIndicator {

    private final SchemaGate schema;

    MigrationsHealthIndicator(SchemaGate schema) {
        this.schema = schema;
    }

    @Override
    public Health health() {
        MigrationState state = schema.state();
        Health.Builder health = state.upToDate() ? Health.up() : Health.outOfService();
        return health.withDetail("version", state.version())
                .withDetail("applied", state.applied())
                .withDetail("pending", state.pending())
                .withDetail("failed", state.failed())
                .withDetail("failedOfNewerRelease", state.failedOfNewerRelease().size())
                .withDetail("message", state.summary())
                .build();
    }
}
