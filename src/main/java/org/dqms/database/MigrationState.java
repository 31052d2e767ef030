package org.dqms.database;

import java.util.List;

/**
 * How the database schema compares with the migrations in this build.
 *
 * @param version the schema version applied last, or {@code none}
 * @param problems other validation failures, such as a changed checksum
 */
record MigrationState(String version, int applied, int pending, int failed, List<String> problems) {

    boolean upToDate() {
        return pending == 0 && failed == 0 && problems.isEmpty();
    }

    /** One line for logs, health details and commands. */
    String summary() {
        if (failed > 0) {
            return failed + " failed migration" + plural(failed)
                    + ": fix forward (see docs/DATABASE.md), then run `migrate`";
        }
        if (!problems.isEmpty()) {
            return problems.get(0);
        }
        if (pending > 0) {
            return pending + " pending migration" + plural(pending) + ": run `migrate`";
        }
        return "up to date at version " + version;
    }

    private static String plural(int count) {
        return count == 1 ? "" : "s";
    }
}
