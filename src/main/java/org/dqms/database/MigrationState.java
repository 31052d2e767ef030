package org.dqms.database;

import java.util.List;

/**
 * How the database schema compares with the migrations in this build.
 *
 * @param version the schema version applied last, or {@code none}
 * @param failed failed migrations of this build, which keep it from running
 * @param failedOfNewerRelease versions this build does not know whose migration failed, left by a
 *     newer release for that release to fix; they do not keep this build from running
 * @param problems other validation failures, such as a changed checksum
 */
record MigrationState(
        String version,
        int applied,
        int pending,
        int failed,
        List<String> failedOfNewerRelease,
        List<String> problems) {

    boolean upToDate() {
        return pending == 0 && failed == 0 && problems.isEmpty();
    }

    /** One line for logs, health details and commands. */
    String summary() {
        if (failedOfNewerRelease.isEmpty()) {
            return state();
        }
        int count = failedOfNewerRelease.size();
        return state() + "; " + count + " failed migration" + plural(count) + " of a newer release ("
                + String.join(
                        ", ", failedOfNewerRelease.stream().map(v -> "V" + v).toList())
                + "), for that release to fix";
    }

    private String state() {
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
