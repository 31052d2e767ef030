package org.dqms.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dqms.platform.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * The development database: a real PostgreSQL 17 run from the jar (zonky), with its data in {@code
 * <data-dir>/postgres} so it survives restarts. It is set up like a production database: password
 * authentication, the role layout, and dqms connecting as the application role.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "dqms";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String HBA = """
            # Written by dqms: every connection authenticates with a password (SCRAM).
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final EmbeddedCredentials credentials;
    private final Path directory;
    private final Runnable stopAtExit = this::close;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, EmbeddedCredentials credentials, Path directory) {
        this.postgres = postgres;
        this.credentials = credentials;
        this.directory = directory;
    }

    static EmbeddedPostgresServer start(Path dataDir) {
        Path directory = dataDir.resolve("postgres").toAbsolutePath().normalize();
        var existing = EmbeddedCredentials.load(directory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(30))
                // Stopped after the application context has closed (below), not beside it by a hook
                // of its own, which could end the sessions of components that are still stopping.
                .setRegisterShutdownHook(false)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "localhost");
        existing.ifPresent(c -> builder.setConnectConfig("password", c.password(EmbeddedCredentials.SUPERUSER)));
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + directory, e);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw new InvalidSettingException(
                        "DQMS_DATA_DIR",
                        "the embedded database in " + directory + " is in use by another dqms process; stop that"
                                + " one first, or set DQMS_DATA_DIR to another directory");
            }
            throw e;
        }
        EmbeddedCredentials credentials = existing.orElseGet(() -> EmbeddedCredentials.generate(directory));
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, credentials, directory);
        try {
            // Spring Boot's shutdown hook runs its handlers once the contexts are closed.
            SpringApplication.getShutdownHandlers().add(server.stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            server.close();
            throw shuttingDown;
        }
        try {
            server.prepare();
        } catch (SQLException | IOException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("cannot prepare the embedded PostgreSQL in " + directory, e);
        }
        log.info(
                "Running on the embedded PostgreSQL (development only) on port {}; data in {}",
                postgres.getPort(),
                directory);
        return server;
    }

    /** Idempotent, so a start after an interrupted first start repairs the setup. */
    private void prepare() throws SQLException, IOException {
        try (Connection admin = superuser("postgres")) {
            if (!databaseExists(admin)) {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
            admin.unwrap(org.postgresql.PGConnection.class)
                    .alterUserPassword(
                            EmbeddedCredentials.SUPERUSER,
                            credentials.password(EmbeddedCredentials.SUPERUSER).toCharArray(),
                            "scram-sha-256");
        }
        try (Connection admin = superuser(DATABASE)) {
            RoleLayout.apply(admin, credentials.loginRolePasswords());
        }
        Path hba = directory.resolve("pg_hba.conf");
        if (!HBA.equals(Files.readString(hba))) {
            Files.writeString(hba, HBA);
            try (Connection admin = superuser("postgres");
                    Statement statement = admin.createStatement()) {
                statement.execute("SELECT pg_reload_conf()");
            }
        }
    }

    private Connection superuser(String database) throws SQLException {
        var source = new org.postgresql.ds.PGSimpleDataSource();
        source.setServerNames(new String[] {"localhost"});
        source.setPortNumbers(new int[] {postgres.getPort()});
        source.setDatabaseName(database);
        source.setUser(EmbeddedCredentials.SUPERUSER);
        source.setPassword(credentials.password(EmbeddedCredentials.SUPERUSER));
        source.setApplicationName("dqms-embedded-setup");
        return source.getConnection();
    }

    private static boolean databaseExists(Connection admin) throws SQLException {
        try (var statement = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, DATABASE);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The URL for a login role of the layout, with its password. */
    PostgresUrl url(String role) {
        String raw = "postgresql://" + role + ":" + credentials.password(role) + "@localhost:" + postgres.getPort()
                + "/" + DATABASE + "?sslmode=disable";
        return PostgresUrl.parse("embedded database", raw);
    }

    /** Stops the server; again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            SpringApplication.getShutdownHandlers().remove(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is stopping: the handler finds the server closed.
        }
        try {
            postgres.close();
            log.info("Stopped the embedded PostgreSQL");
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
        }
    }
}
