package org.dqms.database;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded PostgreSQL starting on a thread of its own, so that its start overlaps the building
 * of the application context instead of following it. The database configuration takes the server
 * where it would otherwise start it; a start that failed fails there, as it would have on the main
 * thread. A server nobody took is stopped by {@link #abandon}.
 */
final class EmbeddedStart {

    private static final String THREAD_NAME = "dqms-embedded-start";

    private final Path dataDir;
    private final CompletableFuture<EmbeddedPostgresServer> server = new CompletableFuture<>();
    private final AtomicBoolean taken = new AtomicBoolean();

    private EmbeddedStart(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts the embedded PostgreSQL of {@code dataDir} in the background. */
    static EmbeddedStart begin(Path dataDir) {
        EmbeddedStart start = new EmbeddedStart(dataDir);
        Thread thread = new Thread(start::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        return start;
    }

    private void run() {
        try {
            server.complete(EmbeddedPostgresServer.start(dataDir));
        } catch (Throwable e) {
            server.completeExceptionally(e);
        }
    }

    /**
     * The server, once it is up, for the first caller that asks for this data directory; empty for
     * another directory or once taken. A failed start throws its own exception here.
     */
    Optional<EmbeddedPostgresServer> take(Path dataDir) {
        if (!this.dataDir.equals(dataDir) || !taken.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            return Optional.of(server.join());
        } catch (CompletionException e) {
            throw rethrown(e.getCause());
        }
    }

    /** Stops the server unless it was taken, after waiting for its start if that is still under way. */
    void abandon() {
        if (taken.compareAndSet(false, true)) {
            server.thenAccept(EmbeddedPostgresServer::close)
                    .exceptionally(failedStart -> null)
                    .join();
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }
}
