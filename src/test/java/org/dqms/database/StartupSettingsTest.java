package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bad settings stop dqms with one line that names the setting and never shows a password; secrets
 * may come from files. Runs the whole application as {@code main} would.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupSettingsTest {

    private static final String SECRET = "Sekret-Pw-4711";
    private static TestPostgres postgres;
    private static String database;

    @TempDir
    Path files;

    @BeforeAll
    static void startServer() {
        postgres = TestPostgres.start();
        database = DatabaseFixtures.freshDatabase(postgres);
        postgres.requirePasswords("Superuser-Pw-1");
    }

    @AfterAll
    static void stopServer() {
        postgres.close();
    }

    @Test
    void unknownSchemeIsRefused(CapturedOutput output) {
        assertRefused(Map.of("DATABASE_URL", "mysql://app:" + SECRET + "@db.example.org/dqms"), output)
                .contains("DATABASE_URL: unsupported scheme 'mysql'");
    }

    @Test
    void missingDatabaseNameIsRefused(CapturedOutput output) {
        assertRefused(Map.of("DATABASE_URL", "postgresql://app:" + SECRET + "@db.example.org:5432"), output)
                .contains("DATABASE_URL:")
                .containsIgnoringCase("database");
    }

    @Test
    void unknownSslModeIsRefused(CapturedOutput output) {
        assertRefused(
                        Map.of("DATABASE_URL", "postgresql://app:" + SECRET + "@db.example.org/dqms?sslmode=required"),
                        output)
                .contains("DATABASE_URL:")
                .contains("sslmode");
    }

    @Test
    void unreadableSecretFileIsRefused(CapturedOutput output) {
        assertRefused(Map.of("DATABASE_URL_FILE", "/nonexistent/database-url"), output)
                .contains("DATABASE_URL_FILE: cannot read /nonexistent/database-url (no such file)");
    }

    @Test
    void valueAndFileTogetherAreRefused(CapturedOutput output) throws Exception {
        Path file = Files.writeString(files.resolve("url"), DatabaseFixtures.appUrl(postgres, database));
        assertRefused(
                        Map.of(
                                "DATABASE_URL",
                                DatabaseFixtures.appUrl(postgres, database),
                                "DATABASE_URL_FILE",
                                file.toString()),
                        output)
                .contains("DATABASE_URL: set either DATABASE_URL or DATABASE_URL_FILE, not both");
    }

    @Test
    void poolSizeOutOfRangeNamesTheVariable(CapturedOutput output) {
        assertRefused(Map.of("DATABASE_POOL_SIZE", "0"), output)
                .contains("DATABASE_POOL_SIZE (dqms.database.pool-size): must be greater than or equal to 1");
    }

    @Test
    void poolSizeThatIsNoNumberNamesTheVariable(CapturedOutput output) {
        assertRefused(Map.of("DATABASE_POOL_SIZE", "many"), output)
                .contains("DATABASE_POOL_SIZE (dqms.database.pool-size): not a valid int");
    }

    @Test
    void keepaliveMustBeShorterThanTheMaximumLifetime(CapturedOutput output) {
        assertRefused(Map.of("DATABASE_KEEPALIVE_TIME", "20m"), output)
                .contains("DATABASE_KEEPALIVE_TIME (dqms.database.keepalive-time): must be shorter than"
                        + " DATABASE_MAX_LIFETIME");
    }

    @Test
    void migrationLockTimeoutMustBeShorterThanTheApplicationsLockTimeout(CapturedOutput output) {
        assertRefused(Map.of("DATABASE_MIGRATION_LOCK_TIMEOUT", "5s"), output)
                .contains("DATABASE_MIGRATION_LOCK_TIMEOUT (dqms.database.migration-lock-timeout): must be shorter"
                        + " than 5s, the lock_timeout of the application role (dqms_app)");
    }

    @Test
    void unknownEnvironmentIsRefused(CapturedOutput output) {
        assertRefused(Map.of("DQMS_ENV", "staging"), output)
                .contains("DQMS_ENV (dqms.env): must be development or production");
    }

    @Test
    void productionRefusesTheEmbeddedDatabase(CapturedOutput output) {
        assertRefused(Map.of("DQMS_ENV", "production"), output)
                .contains("DATABASE_URL: not set; production mode needs an external PostgreSQL");
    }

    /** Neon's -pooler endpoint is always a transaction pooler, which would break migrations and LISTEN. */
    @Test
    void productionRefusesNeonsPoolerAsTheDirectUrl(CapturedOutput output) {
        String neon = "@ep-cool-123-pooler.eu-central-1.aws.neon.tech/neondb?sslmode=verify-full";
        assertRefused(
                        Map.of(
                                "DQMS_ENV",
                                "production",
                                "DQMS_JWT_SECRET",
                                "c2VjcmV0LXNpZ25pbmcta2V5LW9mLTMyLWJ5dGVzISE=",
                                "DATABASE_URL",
                                "postgresql://dqms_app:" + SECRET + neon,
                                "DIRECT_DATABASE_URL",
                                "postgresql://dqms_migrator:" + SECRET + neon),
                        output)
                .isEqualTo("dqms cannot start: DIRECT_DATABASE_URL: names Neon's pooler host (-pooler), which is"
                        + " PgBouncer in transaction mode; it should reach PostgreSQL directly, not through a"
                        + " transaction pooler");
    }

    @Test
    void failedConnectionShowsTheRedactedUrlOnly(CapturedOutput output) {
        assertRefused(Map.of("DATABASE_URL", "postgresql://app:" + SECRET + "@localhost:1/dqms"), output)
                .contains("DATABASE_URL: cannot connect to postgresql://app:****@localhost:1/dqms");
    }

    @Test
    void wrongPasswordIsRefusedWithoutShowingIt(CapturedOutput output) {
        String url = postgres.url(RoleLayout.APP, SECRET, database, "sslmode=disable");
        assertRefused(Map.of("DATABASE_URL", url), output)
                .contains("DATABASE_URL: cannot connect to postgresql://dqms_app:****@localhost:")
                .contains("password authentication failed");
    }

    @Test
    void urlsAndPasswordsComeFromFiles(CapturedOutput output) throws Exception {
        Path url = Files.writeString(
                files.resolve("database-url"), postgres.url(RoleLayout.APP, null, database, "sslmode=disable") + "\n");
        Path password = Files.writeString(files.resolve("database-password"), DatabaseFixtures.APP_PASSWORD + "\n");
        Path directUrl = Files.writeString(
                files.resolve("direct-url"), postgres.url(RoleLayout.MIGRATOR, null, database, "sslmode=disable"));
        Path directPassword = Files.writeString(files.resolve("direct-password"), DatabaseFixtures.MIGRATOR_PASSWORD);

        try (RunningApp app = RunningApp.start(Map.of(
                "DATABASE_URL_FILE", url.toString(),
                "DATABASE_PASSWORD_FILE", password.toString(),
                "DIRECT_DATABASE_URL_FILE", directUrl.toString(),
                "DIRECT_DATABASE_PASSWORD_FILE", directPassword.toString()))) {
            assertThat(currentUser(app)).isEqualTo(RoleLayout.APP);
        }
        assertThat(output.getAll())
                .doesNotContain(DatabaseFixtures.APP_PASSWORD)
                .doesNotContain(DatabaseFixtures.MIGRATOR_PASSWORD);
    }

    @Test
    void secretsComeFromAConfigTree(CapturedOutput output) throws Exception {
        Path tree = Files.createDirectories(files.resolve("secrets"));
        Files.writeString(tree.resolve("DATABASE_URL"), DatabaseFixtures.appUrl(postgres, database));
        Files.writeString(tree.resolve("DIRECT_DATABASE_URL"), DatabaseFixtures.migratorUrl(postgres, database));

        try (RunningApp app = RunningApp.start(Map.of("DQMS_SECRETS_DIR", tree + "/"))) {
            assertThat(currentUser(app)).isEqualTo(RoleLayout.APP);
        }
        assertThat(output.getAll()).doesNotContain(DatabaseFixtures.APP_PASSWORD);
    }

    private static String currentUser(RunningApp app) {
        return JdbcClient.create(app.context().getBean(javax.sql.DataSource.class))
                .sql("SELECT current_user")
                .query(String.class)
                .single();
    }

    /** Asserts the refusal, exactly one report line, and no secret; returns that line. */
    private static org.assertj.core.api.AbstractStringAssert<?> assertRefused(
            Map<String, String> variables, CapturedOutput output) {
        assertThatThrownBy(() -> RunningApp.start(variables).close()).isInstanceOf(RuntimeException.class);
        var lines = output.getAll()
                .lines()
                .filter(l -> l.contains("dqms cannot start: "))
                .toList();
        assertThat(lines).hasSize(1);
        assertThat(output.getAll())
                .doesNotContain(SECRET)
                .doesNotContain("APPLICATION FAILED TO START")
                .doesNotContain("Exception encountered during context initialization")
                .doesNotContain("Error starting Tomcat context");
        return assertThat(lines.get(0).substring(lines.get(0).indexOf("dqms cannot start: ")));
    }
}
