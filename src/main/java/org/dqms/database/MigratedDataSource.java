package org.dqms.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool, handing out connections only once the schema is migrated (or found current) at start.
 * The migration runs on a thread of its own while Spring creates the other beans, instead of
 * holding up the start; a connection asked for before it ends waits for it, so no module ever sees
 * an old schema, and a migration that failed fails every such request with its own exception.
 */
final class MigratedDataSource extends DelegatingDataSource {

    private final CompletableFuture<Void> migrated;
    private volatile boolean ready;

    private MigratedDataSource(DataSource pool, CompletableFuture<Void> migrated) {
        super(pool);
        this.migrated = migrated;
    }

    /** Starts {@code migration} on a thread named dqms-migrations and returns the pool behind it. */
    static MigratedDataSource migrating(DataSource pool, Runnable migration) {
        CompletableFuture<Void> migrated = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        migration.run();
                        migrated.complete(null);
                    } catch (Throwable e) {
                        migrated.completeExceptionally(e);
                    }
                },
                "dqms-migrations");
        thread.setDaemon(true);
        thread.start();
        return new MigratedDataSource(pool, migrated);
    }

    /** Waits for the migration at start; throws what made it fail. */
    void awaitMigrated() {
        if (ready) {
            return;
        }
        try {
            migrated.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("migrations at start failed", e.getCause());
        }
        ready = true;
    }

    @Override
    public Connection getConnection() throws SQLException {
        awaitMigrated();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        awaitMigrated();
        return super.getConnection(username, password);
    }
}
