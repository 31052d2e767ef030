package org.dqms.database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Sessions on the direct URL for what a transaction pooler cannot carry, such as LISTEN. Each
 * {@link #open} is a new connection of its own, never pooled; the caller closes it.
 */
public final class DirectSessions {

    private final DatabaseConnections connections;

    DirectSessions(DatabaseConnections connections) {
        this.connections = connections;
    }

    /** A new session, named {@code applicationName} in pg_stat_activity. */
    public Connection open(String applicationName) throws SQLException {
        return connections.direct(applicationName).getConnection();
    }
}
