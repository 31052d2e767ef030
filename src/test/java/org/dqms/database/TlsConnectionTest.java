package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.dqms.platform.InvalidSettingException;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestCertificates;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The TLS policy against a real PostgreSQL that serves TLS with a certificate made here: a CA, a
 * server certificate for localhost signed by it, and an unrelated second CA.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsConnectionTest {

    private static final String APP_PASSWORD = "Tls-Secret-Pw-1";
    private static final String MIGRATOR_PASSWORD = "Tls-Secret-Pw-2";
    private static final String DATABASE = "dqms";

    private static final String CANNOT_START = "dqms cannot start: ";
    private static final String REQUIRE_WARNING =
            "sslmode=require encrypts but does not check the server's certificate; use sslmode=verify-full";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    // Production needs a signing key; a fresh one per run, as an operator would generate it.
    private static final String JWT_SECRET =
            java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));

    private static Path certificates;
    private static Path caFile;
    private static Path otherCaFile;
    private static TestPostgres postgres;

    @BeforeAll
    static void startPostgresWithTls() throws Exception {
        certificates = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tls-certificates-");
        TestCertificates.Authority ca = TestCertificates.Authority.create("dqms test CA");
        TestCertificates.Issued server = ca.issueServer("localhost", "127.0.0.1");
        TestCertificates.Authority otherCa = TestCertificates.Authority.create("unrelated test CA");

        Path serverCertificate = server.writeCertificate(certificates.resolve("server.crt"));
        Path serverKey = server.writePrivateKey(certificates.resolve("server.key"));
        caFile = ca.writeCertificate(certificates.resolve("ca.pem"));
        otherCaFile = otherCa.writeCertificate(certificates.resolve("other-ca.pem"));
        assertThat(Files.getPosixFilePermissions(serverKey))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        postgres = TestPostgres.startWithTls(serverCertificate, serverKey);
        postgres.createDatabase(DATABASE);
        try (Connection admin = postgres.superuser(DATABASE).getConnection()) {
            RoleLayout.apply(admin, Map.of(RoleLayout.MIGRATOR, MIGRATOR_PASSWORD, RoleLayout.APP, APP_PASSWORD));
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        if (certificates != null) {
            try (Stream<Path> files = Files.walk(certificates)) {
                files.sorted(Comparator.reverseOrder()).forEach(TlsConnectionTest::delete);
            }
        }
    }

    @Test
    void developmentModeConnectsWithSslmodeRequireAndWarnsThatTheCertificateIsNotChecked(CapturedOutput output)
            throws Exception {
        try (RunningApp app = RunningApp.start(variables(false, "sslmode=require", "sslmode=require"))) {
            assertThat(sessionTls(app.context().getBean(DataSource.class)).ssl())
                    .isTrue();
            assertThat(directSessionTls(connections(app)).ssl()).isTrue();

            HttpResponse<String> response = get(app, "/actuator/health");
            assertThat(response.statusCode()).isEqualTo(200);
            DocumentContext health = JsonPath.parse(response.body());
            assertThat(health.read("$.components.database.status", String.class))
                    .isEqualTo("UP");
            assertThat(health.read("$.components.database.details.pooled.tls", Boolean.class))
                    .isTrue();
            assertThat(health.read("$.components.database.details.pooled.tlsProtocol", String.class))
                    .startsWith("TLSv1.");
            assertThat(health.read("$.components.database.details.direct.tls", Boolean.class))
                    .isTrue();
            assertThat(health.read("$.components.database.details.direct.tlsProtocol", String.class))
                    .startsWith("TLSv1.");
        }

        assertThat(lines(output, " " + ConnectionTargets.POOLED + ": " + REQUIRE_WARNING))
                .singleElement()
                .asString()
                .contains("WARN")
                .contains("with sslrootcert");
        assertThat(lines(output, " " + ConnectionTargets.DIRECT + ": " + REQUIRE_WARNING))
                .singleElement()
                .asString()
                .contains("WARN");
        assertThat(lines(output, "Database: PostgreSQL"))
                .singleElement()
                .asString()
                .contains("as " + RoleLayout.APP + ", TLS on, TLSv1.");
        assertNoSecrets(output);
    }

    @Test
    void productionModeStartsAndIsReadyWithVerifyFullAndTheRightCa(CapturedOutput output) throws Exception {
        String verifyFull = "sslmode=verify-full&sslrootcert=" + caFile;
        try (RunningApp app = RunningApp.start(variables(true, verifyFull, verifyFull))) {
            HttpResponse<String> readiness = get(app, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(JsonPath.parse(readiness.body()).read("$.status", String.class))
                    .isEqualTo("UP");

            SessionTls pooled = sessionTls(app.context().getBean(DataSource.class));
            assertThat(pooled.ssl()).isTrue();
            assertThat(pooled.version()).startsWith("TLSv1.");
            assertThat(directSessionTls(connections(app)).ssl()).isTrue();
        }

        assertThat(output.getAll()).contains("(production mode)").doesNotContain("sslmode=require");
        assertNoSecrets(output);
    }

    @Test
    void productionModeUsesTheCaBundleFromDatabaseSslrootcertFile(CapturedOutput output) throws Exception {
        Map<String, String> variables = variables(true, "sslmode=verify-full", "sslmode=verify-full");
        variables.put("DATABASE_SSLROOTCERT_FILE", caFile.toString());
        try (RunningApp app = RunningApp.start(variables)) {
            DatabaseConnections connections = connections(app);
            assertThat(connections.targets().pooled().sslRootCert()).contains(caFile.toString());
            assertThat(connections.targets().direct().sslRootCert()).contains(caFile.toString());
            assertThat(sessionTls(app.context().getBean(DataSource.class)).ssl())
                    .isTrue();
            assertThat(directSessionTls(connections).ssl()).isTrue();

            DocumentContext health = JsonPath.parse(get(app, "/actuator/health").body());
            assertThat(health.read("$.components.database.details.pooled.tls", Boolean.class))
                    .isTrue();
            assertThat(health.read("$.components.database.details.direct.tls", Boolean.class))
                    .isTrue();
        }

        assertThat(output.getAll()).contains("(production mode)");
        assertNoSecrets(output);
    }

    @Test
    void aServerCertificateFromAnotherCaStopsStartup(CapturedOutput output) {
        String wrongCa = "sslmode=verify-full&sslrootcert=" + otherCaFile;

        assertThatThrownBy(() ->
                        RunningApp.start(variables(true, wrongCa, wrongCa)).close())
                .rootCause()
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(ConnectionTargets.POOLED + ": cannot connect to postgresql://" + RoleLayout.APP
                        + ":****@localhost:" + postgres.port() + "/" + DATABASE + "?sslmode=verify-full");

        assertThat(lines(output, CANNOT_START + ConnectionTargets.POOLED + ": cannot connect"))
                .singleElement()
                .asString()
                .contains("sslrootcert=" + otherCaFile)
                .contains("SSL error");
        assertThat(output.getAll()).doesNotContain("dqms is running at");
        assertNoSecrets(output);
    }

    @Test
    void productionModeRefusesSslmodeDisable(CapturedOutput output) {
        assertRefused(
                output,
                variables(true, "sslmode=disable", "sslmode=verify-full&sslrootcert=" + caFile),
                ConnectionTargets.POOLED + ": sslmode=disable does not require TLS");

        assertThat(lines(output, CANNOT_START + ConnectionTargets.POOLED + ": sslmode=disable does not require TLS"))
                .hasSize(1);
        assertNoSecrets(output);
    }

    @Test
    void developmentModeOnlyWarnsAboutSslmodeDisableAndConnectsWithoutTls(CapturedOutput output) throws Exception {
        try (RunningApp app = RunningApp.start(variables(false, "sslmode=disable", "sslmode=disable"))) {
            // The server offers TLS, so a session without it shows that sslmode reached the driver.
            assertThat(sessionTls(app.context().getBean(DataSource.class)).ssl())
                    .isFalse();
            assertThat(directSessionTls(connections(app)).ssl()).isFalse();
            DocumentContext health = JsonPath.parse(get(app, "/actuator/health").body());
            assertThat(health.read("$.components.database.details.pooled.tls", Boolean.class))
                    .isFalse();
        }

        assertThat(lines(output, " " + ConnectionTargets.POOLED + ": sslmode=disable does not require TLS"))
                .singleElement()
                .asString()
                .contains("WARN");
        assertThat(output.getAll()).contains("(development mode)").doesNotContain(CANNOT_START);
        assertNoSecrets(output);
    }

    @Test
    void productionModeRefusesTheNonValidatingFactory(CapturedOutput output) {
        assertRefused(
                output,
                variables(
                        true,
                        "sslmode=require&sslfactory=org.postgresql.ssl.NonValidatingFactory",
                        "sslmode=verify-full&sslrootcert=" + caFile),
                ConnectionTargets.POOLED + ": sslfactory=org.postgresql.ssl.NonValidatingFactory");

        assertThat(lines(output, CANNOT_START + ConnectionTargets.POOLED + ": "))
                .singleElement()
                .asString()
                .contains("NonValidatingFactory");
        assertNoSecrets(output);
    }

    @Test
    void productionModeRefusesAnUnreadableSslrootcert(CapturedOutput output) {
        assertRefused(
                output,
                variables(
                        true,
                        "sslmode=verify-full&sslrootcert=/nonexistent/ca.pem",
                        "sslmode=verify-full&sslrootcert=" + caFile),
                ConnectionTargets.POOLED + ": sslrootcert /nonexistent/ca.pem cannot be read");

        assertThat(lines(output, CANNOT_START + ConnectionTargets.POOLED + ": "))
                .singleElement()
                .asString()
                .contains("sslrootcert /nonexistent/ca.pem cannot be read");
        assertNoSecrets(output);
    }

    @Test
    void productionModeRefusesASuperuserOnThePooledUrl(CapturedOutput output) {
        String verifyFull = "sslmode=verify-full&sslrootcert=" + caFile;
        Map<String, String> variables = variables(true, verifyFull, verifyFull);
        variables.put("DATABASE_URL", postgres.url("postgres", APP_PASSWORD, DATABASE, verifyFull));

        assertRefused(output, variables, ConnectionTargets.POOLED + ": connects as postgres, a superuser");
        assertNoSecrets(output);
    }

    @Test
    void productionModeRefusesTheSchemaOwnerOnThePooledUrl(CapturedOutput output) {
        String verifyFull = "sslmode=verify-full&sslrootcert=" + caFile;
        Map<String, String> variables = variables(true, verifyFull, verifyFull);
        variables.put("DATABASE_URL", postgres.url(RoleLayout.MIGRATOR, MIGRATOR_PASSWORD, DATABASE, verifyFull));

        assertRefused(
                output,
                variables,
                ConnectionTargets.POOLED + ": connects as dqms_migrator, the owner of the dqms schema");
        assertNoSecrets(output);
    }

    /** A member of the owner role that does not inherit its rights can still SET ROLE to it. */
    @Test
    void productionModeRefusesAMemberOfTheOwnerThatDoesNotInherit(CapturedOutput output) {
        postgres.execute(DATABASE, "DROP ROLE IF EXISTS dqms_noinherit");
        postgres.execute(DATABASE, "CREATE ROLE dqms_noinherit LOGIN NOINHERIT PASSWORD '" + APP_PASSWORD + "'");
        postgres.execute(DATABASE, "GRANT " + RoleLayout.OWNER + " TO dqms_noinherit");
        String verifyFull = "sslmode=verify-full&sslrootcert=" + caFile;
        Map<String, String> variables = variables(true, verifyFull, verifyFull);
        variables.put("DATABASE_URL", postgres.url("dqms_noinherit", APP_PASSWORD, DATABASE, verifyFull));

        assertRefused(
                output,
                variables,
                ConnectionTargets.POOLED + ": connects as dqms_noinherit, the owner of the dqms schema");
        assertNoSecrets(output);
    }

    @Test
    void developmentModeOnlyWarnsAboutASuperuser(CapturedOutput output) throws Exception {
        String verifyFull = "sslmode=verify-full&sslrootcert=" + caFile;
        Map<String, String> variables = variables(false, verifyFull, verifyFull);
        variables.put("DATABASE_URL", postgres.url("postgres", APP_PASSWORD, DATABASE, verifyFull));

        try (RunningApp app = RunningApp.start(variables)) {
            assertThat(get(app, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        }
        assertThat(lines(output, "DATABASE_URL: connects as postgres, a superuser"))
                .hasSize(1);
    }

    @Test
    void dbCheckShowsTheTlsStateOfBothConnections(CapturedOutput output) {
        String verifyFull = "sslmode=verify-full&sslrootcert=" + caFile;
        List<String> args = new java.util.ArrayList<>(List.of("db", "check", "--DQMS_DATA_DIR=target"));
        variables(true, verifyFull, verifyFull).forEach((name, value) -> args.add("--" + name + "=" + value));

        org.dqms.platform.CommandLine.run(org.dqms.DqmsApplication.class, args.toArray(String[]::new));

        assertThat(output.getOut().lines().filter(line -> line.matches("  tls +on, TLSv1\\.[23], .+")))
                .hasSize(2);
        assertNoSecrets(output);
    }

    private static void assertRefused(CapturedOutput output, Map<String, String> variables, String messageStart) {
        Throwable refusal = catchThrowable(() -> RunningApp.start(variables).close());
        while (refusal != null && !(refusal instanceof InvalidSettingException)) {
            refusal = refusal.getCause();
        }
        assertThat(refusal).isInstanceOf(InvalidSettingException.class).hasMessageStartingWith(messageStart);
        assertThat(lines(output, CANNOT_START + messageStart)).hasSize(1);
    }

    /** Settings for dqms as dqms_app (pooled) and dqms_migrator (direct), each URL with its query. */
    private static Map<String, String> variables(boolean production, String pooledQuery, String directQuery) {
        Map<String, String> variables = new HashMap<>();
        variables.put("DQMS_ENV", production ? "production" : "development");
        if (production) {
            variables.put("DQMS_MIGRATE_ON_START", "true");
            variables.put("DQMS_JWT_SECRET", JWT_SECRET);
        }
        variables.put("DATABASE_URL", postgres.url(RoleLayout.APP, APP_PASSWORD, DATABASE, pooledQuery));
        variables.put(
                "DIRECT_DATABASE_URL", postgres.url(RoleLayout.MIGRATOR, MIGRATOR_PASSWORD, DATABASE, directQuery));
        return variables;
    }

    private static DatabaseConnections connections(RunningApp app) {
        return app.context().getBean(DatabaseConnections.class);
    }

    private record SessionTls(boolean ssl, String version) {}

    private static SessionTls sessionTls(DataSource dataSource) {
        return JdbcClient.create(dataSource)
                .sql("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                .query((rows, n) -> new SessionTls(rows.getBoolean("ssl"), rows.getString("version")))
                .single();
    }

    /** The TLS state of a direct session, as the session itself sees it. */
    private static SessionTls directSessionTls(DatabaseConnections connections) {
        return sessionTls(connections.direct("dqms-tls-test"));
    }

    private static HttpResponse<String> get(RunningApp app, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> lines(CapturedOutput output, String text) {
        return output.getAll().lines().filter(line -> line.contains(text)).toList();
    }

    private static void assertNoSecrets(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain(APP_PASSWORD).doesNotContain(MIGRATOR_PASSWORD);
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
