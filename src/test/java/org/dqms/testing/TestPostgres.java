package org.dqms.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * A PostgreSQL 17 server that a test starts for itself, standing in for a cloud database: the test
 * decides its settings (TLS, roles) and points dqms at it through DATABASE_URL.
 */
public final class TestPostgres implements AutoCloseable {

    private EmbeddedPostgres postgres;
    private final Path directory;

    private TestPostgres(EmbeddedPostgres postgres, Path directory) {
        this.postgres = postgres;
        this.directory = directory;
    }

    public static TestPostgres start() {
        return start(UnaryOperator.identity());
    }

    /** Starts a server; the customizer may add server settings such as {@code ssl=on}. */
    public static TestPostgres start(UnaryOperator<EmbeddedPostgres.Builder> customizer) {
        try {
            Path directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "test-postgres-");
            Files.delete(directory);
            EmbeddedPostgres postgres = customizer
                    .apply(EmbeddedPostgres.builder()
                            .setDataDirectory(directory)
                            .setCleanDataDirectory(true)
                            .setServerConfig("synchronous_commit", "on"))
                    .start();
            return new TestPostgres(postgres, directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server that also offers TLS, with a certificate and private key in PEM files. */
    public static TestPostgres startWithTls(Path certificate, Path privateKey) {
        return start(builder -> builder.setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", certificate.toString())
                .setServerConfig("ssl_key_file", privateKey.toString()));
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return directory;
    }

    /** The superuser ({@code postgres}, trusted on loopback) on the given database. */
    public DataSource superuser(String database) {
        return postgres.getDatabase("postgres", database);
    }

    public void createDatabase(String name) {
        execute("postgres", "CREATE DATABASE " + name);
    }

    public void execute(String database, String sql) {
        try (Connection connection = superuser(database).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * From now on every login needs its password (SCRAM), as on a cloud database; the superuser
     * stays trusted on the Unix socket only, which this class does not use.
     */
    public void requirePasswords(String superuserPassword) {
        execute("postgres", "ALTER ROLE postgres PASSWORD '" + superuserPassword + "'");
        try {
            Files.writeString(directory.resolve("pg_hba.conf"), """
                    local all all trust
                    host  all all 127.0.0.1/32 scram-sha-256
                    host  all all ::1/128      scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        execute("postgres", "SELECT pg_reload_conf()");
    }

    /** A cloud-console style URL for a user; {@code password} may be null. */
    public String url(String user, String password, String database, String query) {
        String credentials = password == null ? user : user + ":" + password;
        return "postgresql://" + credentials + "@localhost:" + port() + "/" + database
                + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /**
     * Stops the server, dropping every session, and starts it again on the same data and port, as
     * a managed database's restart or failover looks to its clients. Start the server with
     * {@code setCleanDataDirectory(false)}: otherwise stopping it deletes its data.
     */
    public void restart() {
        int port = port();
        close();
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
