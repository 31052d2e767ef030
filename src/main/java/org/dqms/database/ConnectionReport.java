package org.dqms.database;

/**
 * What one connection looks like from the server's side.
 *
 * @param latencyMillis round trip of {@code SELECT 1} on an open connection
 * @param schemaOwner whether the user owns, or acts as the owner of, the dqms schema
 * @param reservedConnections connections PostgreSQL keeps for superusers
 */
record ConnectionReport(
        String serverVersion,
        String user,
        boolean superuser,
        boolean schemaOwner,
        Tls tls,
        int maxConnections,
        int reservedConnections,
        long latencyMillis) {

    /** The session's TLS state from pg_stat_ssl. */
    record Tls(boolean on, String protocol, String cipher) {
        String describe() {
            return on ? "on, " + protocol + ", " + cipher : "off";
        }
    }
}
