package org.dqms.database;

import java.util.List;
import org.dqms.platform.Command;
import org.dqms.platform.CommandLine;
import org.dqms.platform.CommandUsage;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.stereotype.Component;

/** {@code migrate}: applies pending migrations and nothing else. Safe to run twice, or twice at once. */
@Component
@CommandUsage(name = "migrate", summary = "apply pending database migrations over DIRECT_DATABASE_URL, then exit")
class MigrateCommand implements Command {

    private final Migrations migrations;

    MigrateCommand(Migrations migrations) {
        this.migrations = migrations;
    }

    @Override
    public int run(List<String> arguments) {
        if (!arguments.isEmpty()) {
            System.err.println("usage: migrate | migrate status");
            return CommandLine.USAGE;
        }
        MigrateResult result = migrations.migrate();
        if (result.migrationsExecuted == 0) {
            System.out.println("Nothing to migrate: the schema is up to date at version " + version(result));
        } else {
            System.out.println("Applied " + result.migrationsExecuted + " migration(s); the schema is now at version "
                    + version(result));
        }
        return 0;
    }

    private static String version(MigrateResult result) {
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return version == null ? "none" : version;
    }
}
