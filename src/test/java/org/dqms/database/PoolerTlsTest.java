package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.dqms.DqmsApplication;
import org.dqms.platform.CommandLine;
import org.dqms.platform.InvalidSettingException;
import org.dqms.testing.PgBouncer;
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
 * dqms in production behind a real PgBouncer that terminates TLS, as cloud poolers do: TLS from
 * dqms to the pooler, checked against a CA made here, and plain from the pooler to PostgreSQL.
 * pg_stat_ssl then shows the pooler's plain session, which must not stop a pooler URL, and still
 * stops any other.
 */
@ExtendWith(OutputCaptureExtension.class)
class PoolerTlsTest {

    private static final String DATABASE = "dqms";
    private static final String NOT_ENCRYPTED =
            ": sslmode=verify-full but the session is not encrypted (pg_stat_ssl.ssl is false)";
    private static final String JWT_SECRET =
            Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));

    private static Path certificates;
    private static String verifyFull;
    private static TestPostgres postgres;
    private static PgBouncer pgbouncer;

    @BeforeAll
    static void startPostgresAndATlsPooler() throws IOException {
        certificates = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pooler-tls-");
        TestCertificates.Authority ca = TestCertificates.Authority.create("dqms pooler test CA");
        TestCertificates.Issued server = ca.issueServer("localhost", "127.0.0.1");
        Path certificate = server.writeCertificate(certificates.resolve("server.crt"));
        Path key = server.writePrivateKey(certificates.resolve("server.key"));
        verifyFull = "sslmode=verify-full&sslrootcert=" + ca.writeCertificate(certificates.resolve("ca.pem"));

        postgres = TestPostgres.startWithTls(certificate, key);
        postgres.createDatabase(DATABASE);
        DatabaseFixtures.applyRoles(postgres, DATABASE);
        try (DatabaseConnections connections = DatabaseFixtures.connections(postgres, DATABASE)) {
            new Migrations(connections, DatabaseFixtures.settings(null, null)).migrate();
        }
        pgbouncer = PgBouncer.startTerminatingTls(
                postgres.port(),
                DATABASE,
                Map.of(
                        RoleLayout.APP, DatabaseFixtures.APP_PASSWORD,
                        RoleLayout.MIGRATOR, DatabaseFixtures.MIGRATOR_PASSWORD),
                new PgBouncer.ClientTls(certificate, key));
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (pgbouncer != null) {
                pgbouncer.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        try (Stream<Path> files = Files.walk(certificates)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void theSetUpIsAPoolerThatTakesTlsOnly() {
        Properties plain = new Properties();
        plain.setProperty("user", RoleLayout.APP);
        plain.setProperty("password", DatabaseFixtures.APP_PASSWORD);
        plain.setProperty("sslmode", "disable");

        Throwable refused = catchThrowable(() -> DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + pgbouncer.port() + "/" + DATABASE, plain)
                .close());

        assertThat(refused).isInstanceOf(SQLException.class).hasMessageContaining("SSL required");
    }

    @Test
    void productionStartsBehindAPoolerThatTerminatesTlsAndLogsThePoolersLeg(CapturedOutput output) throws Exception {
        try (RunningApp app = RunningApp.start(variables(pooler() + "&pgbouncer=true", direct()))) {
            HttpResponse<String> readiness = readiness(app);
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body())
                    .as("health shows dqms' own leg to the pooler beside pg_stat_ssl's")
                    .contains("\"pooled\":{\"tlsToPooler\":true,\"tls\":false,");
            assertThat(JdbcClient.create(app.context().getBean(DataSource.class))
                            .sql("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                            .query(Boolean.class)
                            .single())
                    .as("pg_stat_ssl of a pooled session: the pooler's plain connection to PostgreSQL")
                    .isFalse();
        }

        assertThat(lines(output, "Database: PostgreSQL"))
                .singleElement()
                .asString()
                .contains("INFO")
                .contains("as " + RoleLayout.APP + ", TLS to the pooler sslmode=verify-full, pooler to PostgreSQL off");
        assertThat(output.getAll()).doesNotContain("dqms cannot start").doesNotContain(NOT_ENCRYPTED);
    }

    @Test
    void aUrlNotTakenForAPoolerMustStillShowItsSessionEncrypted() {
        assertRefused(variables(pooler(), direct()), ConnectionTargets.POOLED + NOT_ENCRYPTED);
    }

    @Test
    void theDirectUrlMustStillShowItsSessionEncrypted() {
        String appDirect = postgres.url(RoleLayout.APP, DatabaseFixtures.APP_PASSWORD, DATABASE, verifyFull);
        String migratorThroughPooler = "postgresql://" + RoleLayout.MIGRATOR + ":" + DatabaseFixtures.MIGRATOR_PASSWORD
                + "@localhost:" + pgbouncer.port() + "/" + DATABASE + "?" + verifyFull;

        assertRefused(variables(appDirect, migratorThroughPooler), ConnectionTargets.DIRECT + NOT_ENCRYPTED);
    }

    @Test
    void dbCheckFindsNoProblemBehindAPoolerThatTerminatesTls(CapturedOutput output) {
        List<String> args = new ArrayList<>(List.of("db", "check", "--DQMS_DATA_DIR=target"));
        variables(pooler() + "&pgbouncer=true", direct()).forEach((name, value) -> args.add("--" + name + "=" + value));

        int exit = CommandLine.run(DqmsApplication.class, args.toArray(String[]::new));

        assertThat(output.getOut().lines())
                .contains("  tls            to the pooler sslmode=verify-full, pooler to PostgreSQL off")
                .anyMatch(line -> line.matches("  tls +on, TLSv1\\.[23], .+"))
                .noneMatch(line -> line.startsWith("problem:"));
        assertThat(exit).isZero();
    }

    private static String pooler() {
        return "postgresql://" + RoleLayout.APP + ":" + DatabaseFixtures.APP_PASSWORD + "@localhost:" + pgbouncer.port()
                + "/" + DATABASE + "?" + verifyFull;
    }

    private static String direct() {
        return postgres.url(RoleLayout.MIGRATOR, DatabaseFixtures.MIGRATOR_PASSWORD, DATABASE, verifyFull);
    }

    private static Map<String, String> variables(String url, String directUrl) {
        Map<String, String> variables = new HashMap<>();
        variables.put("DQMS_ENV", "production");
        variables.put("DQMS_JWT_SECRET", JWT_SECRET);
        variables.put("DATABASE_URL", url);
        variables.put("DIRECT_DATABASE_URL", directUrl);
        return variables;
    }

    private static void assertRefused(Map<String, String> variables, String message) {
        Throwable refusal = catchThrowable(() -> RunningApp.start(variables).close());
        while (refusal != null && !(refusal instanceof InvalidSettingException)) {
            refusal = refusal.getCause();
        }
        assertThat(refusal).isInstanceOf(InvalidSettingException.class).hasMessage(message);
    }

    private static HttpResponse<String> readiness(RunningApp app) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(app.baseUrl() + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> lines(CapturedOutput output, String text) {
        return output.getAll().lines().filter(line -> line.contains(text)).toList();
    }
}
