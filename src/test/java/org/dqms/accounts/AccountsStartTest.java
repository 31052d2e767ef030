package org.dqms.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dqms.accounts.TestAccounts.PASSWORD;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dqms.DqmsApplication;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.CommandLine;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The first administrator (command, bootstrap settings) and the demo accounts, across real starts. */
@ExtendWith(OutputCaptureExtension.class)
class AccountsStartTest {

    private static final Pattern DEMO_SIGN_IN =
            Pattern.compile("Demo sign-in: ((\\S+)@demo\\.dqms) / (\\S+) \\(development only; shown once\\)");
    private static final String IP = "192.0.2.1";

    private String dataDir;

    @BeforeEach
    void freshDataDirectory() {
        dataDir = "--DQMS_DATA_DIR=target/test-data/" + UUID.randomUUID();
    }

    private static ConfigurableApplicationContext start(String... settings) {
        String[] args = new String[settings.length + 1];
        args[0] = "--server.port=0";
        System.arraycopy(settings, 0, args, 1, settings.length);
        return SpringApplication.run(DqmsApplication.class, args);
    }

    private int command(String... words) {
        String[] args = new String[words.length + 1];
        System.arraycopy(words, 0, args, 0, words.length);
        args[words.length] = dataDir;
        return CommandLine.run(DqmsApplication.class, args);
    }

    private static Path passwordFile(String password) throws IOException {
        Path file = Files.createTempFile("dqms-admin-password", ".txt");
        Files.writeString(file, password + "\n");
        file.toFile().deleteOnExit();
        return file;
    }

    @Test
    void adminCreateMakesAnAdministratorOnce(CapturedOutput output) throws IOException {
        assertThat(command("migrate")).isZero();
        String strong = passwordFile(PASSWORD).toString();

        assertThat(command("admin", "create", "--email", "chief@hospital.example", "--password-file", strong))
                .isZero();
        assertThat(output.getOut()).contains("Administrator created: account ");

        assertThat(command("admin", "create", "--email", "CHIEF@hospital.example", "--password-file", strong))
                .isEqualTo(1);
        assertThat(output.getErr()).contains("error: An account with this email already exists.");

        String weak = passwordFile("Password123!").toString();
        assertThat(command("admin", "create", "--email", "other@hospital.example", "--password-file", weak))
                .isEqualTo(2);
        assertThat(output.getErr()).contains("error: password: is too common");

        assertThat(command("admin", "create", "--email", "other@hospital.example"))
                .isEqualTo(2);
        assertThat(command("admin", "create", "--email", "x@hospital.example", "--password-file", "/nonexistent"))
                .isEqualTo(2);
        assertThat(output.getErr()).contains("--password-file: cannot read /nonexistent (no such file)");
        assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain("Password123!");

        // The server then signs the administrator in, and makes no demo accounts beside it.
        try (ConfigurableApplicationContext app = start(dataDir)) {
            AccountService accounts = app.getBean(AccountService.class);
            assertThat(accounts.authenticate("chief@hospital.example", PASSWORD, IP))
                    .isInstanceOfSatisfying(
                            SignInResult.SignedIn.class,
                            signedIn -> assertThat(signedIn.account().role()).isEqualTo(Role.ADMIN));
            assertThat(accounts.authenticate("other@hospital.example", "Password123!", IP))
                    .isEqualTo(new SignInResult.Refused());
        }
        assertThat(output.getAll()).doesNotContain("Demo sign-in").doesNotContain("No administrator account exists");
    }

    @Test
    void theBootstrapSettingsCreateTheFirstAdministrator(CapturedOutput output) throws IOException {
        String file = passwordFile(PASSWORD).toString();

        try (ConfigurableApplicationContext app = start(
                dataDir,
                "--DQMS_BOOTSTRAP_ADMIN_EMAIL=first@hospital.example",
                "--DQMS_BOOTSTRAP_ADMIN_PASSWORD_FILE=" + file)) {
            AccountService accounts = app.getBean(AccountService.class);
            assertThat(accounts.authenticate("first@hospital.example", PASSWORD, IP))
                    .isInstanceOfSatisfying(
                            SignInResult.SignedIn.class,
                            signedIn -> assertThat(signedIn.account().role()).isEqualTo(Role.ADMIN));
        }
        assertThat(output.getAll())
                .contains("Administrator account 1 created from DQMS_BOOTSTRAP_ADMIN_EMAIL")
                .doesNotContain(PASSWORD)
                .doesNotContain("Demo sign-in");
        int mark = output.getAll().length();

        // Once an administrator exists, the settings no longer matter, even a weak password in them.
        try (ConfigurableApplicationContext app = start(
                dataDir,
                "--DQMS_BOOTSTRAP_ADMIN_EMAIL=second@hospital.example",
                "--DQMS_BOOTSTRAP_ADMIN_PASSWORD_FILE=" + passwordFile("Password123!"))) {
            assertThat(app.getBean(AccountService.class).authenticate("second@hospital.example", "Password123!", IP))
                    .isEqualTo(new SignInResult.Refused());
        }
        assertThat(output.getAll().substring(mark)).contains("DQMS_BOOTSTRAP_ADMIN_EMAIL is ignored");
    }

    @Test
    void aWeakBootstrapPasswordStopsTheServerWithOneLine(CapturedOutput output) throws IOException {
        Path weak = passwordFile("Password123!");

        assertThatThrownBy(() -> start(
                        dataDir,
                        "--DQMS_BOOTSTRAP_ADMIN_EMAIL=first@hospital.example",
                        "--DQMS_BOOTSTRAP_ADMIN_PASSWORD_FILE=" + weak))
                .isNotNull();

        assertThat(output.getAll())
                .contains("dqms cannot start: DQMS_BOOTSTRAP_ADMIN_PASSWORD_FILE: the password in " + weak
                        + " is too common")
                .doesNotContain("Password123!");
    }

    @Test
    void anUnreadableOrMissingBootstrapPasswordFileStopsTheServer(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        dataDir,
                        "--DQMS_BOOTSTRAP_ADMIN_EMAIL=first@hospital.example",
                        "--DQMS_BOOTSTRAP_ADMIN_PASSWORD_FILE=/nonexistent/admin-password"))
                .isNotNull();
        assertThat(output.getAll())
                .contains("dqms cannot start: DQMS_BOOTSTRAP_ADMIN_PASSWORD_FILE: cannot read"
                        + " /nonexistent/admin-password (no such file)");

        assertThatThrownBy(() -> start(dataDir, "--DQMS_BOOTSTRAP_ADMIN_EMAIL=first@hospital.example"))
                .isNotNull();
        assertThat(output.getAll())
                .contains("dqms cannot start: DQMS_BOOTSTRAP_ADMIN_PASSWORD_FILE: required when"
                        + " DQMS_BOOTSTRAP_ADMIN_EMAIL is set");
    }

    @Test
    void theFirstDevelopmentStartShowsDemoAccountsOnce(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start(dataDir)) {
            Matcher demo = DEMO_SIGN_IN.matcher(output.getAll());
            AccountService accounts = app.getBean(AccountService.class);
            long opd = app.getBean(DepartmentService.class).all().stream()
                    .filter(d -> d.name().equals("General OPD"))
                    .findFirst()
                    .orElseThrow()
                    .id();
            int shown = 0;
            while (demo.find()) {
                shown++;
                SignInResult result = accounts.authenticate(demo.group(1), demo.group(3), IP);
                assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
                UserAccount account = ((SignInResult.SignedIn) result).account();
                Role expected = switch (demo.group(2)) {
                    case "admin" -> Role.ADMIN;
                    case "reception" -> Role.RECEPTION;
                    default -> Role.DOCTOR;
                };
                assertThat(account.role()).isEqualTo(expected);
                switch (account.role()) {
                    case RECEPTION -> assertThat(account.departmentIds()).containsExactly(opd);
                    case DOCTOR ->
                        assertThat(app.getBean(DoctorService.class)
                                        .get(account.doctorId())
                                        .departmentIds())
                                .contains(opd);
                    default -> assertThat(account.email()).isEqualTo("admin@demo.dqms");
                }
            }
            assertThat(shown).isEqualTo(4);
            assertThat(output.getAll())
                    .containsOnlyOnce("Demo sign-in: admin@demo.dqms / ")
                    .containsOnlyOnce("Demo sign-in: reception@demo.dqms / ")
                    .doesNotContain("No administrator account exists");
        }
        int mark = output.getAll().length();

        try (ConfigurableApplicationContext app = start(dataDir)) {
            assertThat(app.getBean(AccountService.class).anyAdmin()).isTrue();
        }
        assertThat(output.getAll().substring(mark)).doesNotContain("Demo sign-in");
    }

    /** Demo passwords had 20 characters; a longer minimum stopped the development server at start. */
    @Test
    void demoPasswordsAreAsLongAsThePasswordPolicyAsks(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start(dataDir, "--DQMS_PASSWORD_MIN_LENGTH=64")) {
            Matcher demo = DEMO_SIGN_IN.matcher(output.getAll());
            AccountService accounts = app.getBean(AccountService.class);
            int shown = 0;
            while (demo.find()) {
                shown++;
                assertThat(demo.group(3)).hasSize(64);
                assertThat(accounts.authenticate(demo.group(1), demo.group(3), IP))
                        .isInstanceOf(SignInResult.SignedIn.class);
            }
            assertThat(shown).isEqualTo(4);
        }
    }

    @Test
    void anExternalDatabaseGetsNoDemoAccountsAndAWarning(CapturedOutput output) {
        try (TestPostgres postgres = TestPostgres.start()) {
            postgres.createDatabase("hospital");
            String url = postgres.url("postgres", null, "hospital", "sslmode=disable");

            try (ConfigurableApplicationContext app = start(dataDir, "--DATABASE_URL=" + url)) {
                assertThat(app.getBean(AccountService.class).anyAccount()).isFalse();
            }
        }
        assertThat(output.getAll())
                .doesNotContain("Demo sign-in")
                .contains("No administrator account exists. Create one with `java -jar dqms.jar admin create");
    }
}
