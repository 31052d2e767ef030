package org.dqms.database;

/**
 * What one connection looks like from the server's side.
 *
 * @param latencyMillis round trip of {@code SELECT 1} on an open connection
 * @param schemaOwner whether the user owns, or acts as the owner of, the dqms schema
 * @param user the role the session acts as ({@code current_user})
 * @param login the role the session logged in as ({@code session_user}), held to its CONNECTION LIMIT
 * @param slots the connections the server allows
 */
record ConnectionReport(
        String serverVersion,
        String user,
        String login,
        boolean superuser,
        boolean schemaOwner,
        Tls tls,
        ServerSlots slots,
        long latencyMillis) {

    /** The session's TLS state from pg_stat_ssl: behind a pooler, that of the pooler's session. */
    record Tls(boolean on, String protocol, String cipher) {
        String describe() {
            return on ? "on, " + protocol + ", " + cipher : "off";
        }
    }
}
