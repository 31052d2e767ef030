package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestart() {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            JdbcClient app = client(server.url(RoleLayout.MIGRATOR));
            app.sql("CREATE TABLE dqms.kept (note text)").update();
            app.sql("INSERT INTO dqms.kept VALUES ('still here')").update();
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(client(server.url(RoleLayout.MIGRATOR))
                            .sql("SELECT note FROM dqms.kept")
                            .query(String.class)
                            .single())
                    .isEqualTo("still here");
        }
    }

    @Test
    void passwordsAreGeneratedOnceAndKeptPrivateInTheDataDirectory() throws Exception {
        String firstPassword;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            firstPassword = server.url(RoleLayout.APP).password();
        }
        Path file = dataDir.resolve("postgres").resolve(EmbeddedCredentials.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains(firstPassword);
        assertThat(firstPassword).hasSizeGreaterThanOrEqualTo(32);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(server.url(RoleLayout.APP).password()).isEqualTo(firstPassword);
        }
    }

    @Test
    void everyLoginNeedsItsPassword() {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            PostgresUrl app = server.url(RoleLayout.APP);

            assertThat(client(app)
                            .sql("SELECT current_user")
                            .query(String.class)
                            .single())
                    .isEqualTo(RoleLayout.APP);
            assertThatThrownBy(() -> connect(app, "wrong-password").close())
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("28P01");
            assertThatThrownBy(() -> connect(app.withUser("postgres"), null).close())
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void applicationRunsAsTheApplicationRole() {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(server.url(RoleLayout.APP).user()).isEqualTo(RoleLayout.APP);
            assertThat(server.url(RoleLayout.MIGRATOR).user()).isEqualTo(RoleLayout.MIGRATOR);
            assertThat(client(server.url(RoleLayout.APP))
                            .sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                            .query(Boolean.class)
                            .single())
                    .isFalse();
        }
    }

    @Test
    void closeStopsTheServer() throws Exception {
        int port;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            port = server.url(RoleLayout.APP).hosts().get(0).port();
            try (Socket open = new Socket("localhost", port)) {
                assertThat(open.isConnected()).isTrue();
            }
        }
        assertThatThrownBy(() -> new Socket("localhost", port).close()).isInstanceOf(java.io.IOException.class);
    }

    private static JdbcClient client(PostgresUrl url) {
        SimpleDriverDataSource source = new SimpleDriverDataSource(new org.postgresql.Driver(), url.jdbcUrl());
        source.setConnectionProperties(url.driverProperties());
        return JdbcClient.create(source);
    }

    private static Connection connect(PostgresUrl url, String password) throws SQLException {
        Properties properties = url.driverProperties();
        properties.remove("password");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url.jdbcUrl(), properties);
    }
}
