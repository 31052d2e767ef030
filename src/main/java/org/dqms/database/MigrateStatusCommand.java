package org.dqms.database;

import java.util.List;
import org.dqms.platform.Command;
import org.dqms.platform.CommandUsage;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.stereotype.Component;

/** {@code migrate status}: lists applied, pending and failed migrations; non-zero unless current. */
@Component
@CommandUsage(
        name = "migrate status",
        summary = "list applied, pending and failed migrations; exit 1 unless the schema is current")
class MigrateStatusCommand implements Command {

    private final Migrations migrations;

    MigrateStatusCommand(Migrations migrations) {
        this.migrations = migrations;
    }

    @Override
    public int run(List<String> arguments) {
        for (MigrationInfo info : migrations.list()) {
            System.out.printf(
                    "%-8s %-40s %-10s %s%n",
                    info.getVersion() == null ? "R" : info.getVersion().getVersion(),
                    info.getDescription(),
                    info.getState().getDisplayName(),
                    info.getInstalledOn() == null ? "" : info.getInstalledOn().toInstant());
        }
        MigrationState state = migrations.state();
        System.out.printf(
                "%d applied, %d pending, %d failed: %s%n",
                state.applied(), state.pending(), state.failed(), state.summary());
        return state.upToDate() ? 0 : 1;
    }
}
