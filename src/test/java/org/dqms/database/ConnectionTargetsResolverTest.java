package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dqms.platform.Deployment;
import org.dqms.platform.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionTargetsResolverTest {

    private static final Deployment DEVELOPMENT = new Deployment(false, true, Path.of("target"));
    private static final Deployment PRODUCTION = new Deployment(true, true, Path.of("target"));
    private static final String POOLER =
            "postgres://app.ref:Pw-Secret-1@aws-0-eu-central-1.pooler.supabase.com:6543/postgres?sslmode=require";
    private static final String DIRECT = "postgresql://app:Pw-Secret-2@db.example.org:5432/dqms?sslmode=require";

    @TempDir
    Path files;

    private static DatabaseSettings settings(
            String url, String directUrl, String password, String passwordFile, Integer prepareThreshold, String ca) {
        return TestSettings.defaults()
                .url(url)
                .directUrl(directUrl)
                .password(password)
                .passwordFile(passwordFile)
                .prepareThreshold(prepareThreshold)
                .sslRootCertFile(ca)
                .build();
    }

    @Test
    void directFallsBackToThePooledUrl() {
        ConnectionTargets targets =
                ConnectionTargetsResolver.resolve(settings(DIRECT, null, null, null, null, null), DEVELOPMENT);

        assertThat(targets.direct()).isSameAs(targets.pooled());
        assertThat(targets.requireDirect().hosts().get(0).host()).isEqualTo("db.example.org");
    }

    @Test
    void fallbackToATransactionPoolerIsRefusedForSessions() {
        ConnectionTargets targets =
                ConnectionTargetsResolver.resolve(settings(POOLER, null, null, null, null, null), DEVELOPMENT);

        assertThatThrownBy(targets::requireDirect)
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DIRECT_DATABASE_URL: not set, and DATABASE_URL uses port 6543")
                .hasMessageNotContaining("Pw-Secret");
    }

    @Test
    void poolerGetsNoServerSidePreparedStatements() {
        ConnectionTargets targets =
                ConnectionTargetsResolver.resolve(settings(POOLER, DIRECT, null, null, null, null), DEVELOPMENT);

        assertThat(targets.pooled().driverProperties().getProperty("prepareThreshold"))
                .isEqualTo("0");
        assertThat(targets.direct().driverProperties().getProperty("prepareThreshold"))
                .isNull();
    }

    @Test
    void pgbouncerFlagIsDetectedOnAnyPort() {
        String azure = "postgresql://app:pw@dqms.postgres.database.azure.com:6432/dqms?sslmode=require&pgbouncer=true";
        ConnectionTargets targets =
                ConnectionTargetsResolver.resolve(settings(azure, DIRECT, null, null, null, null), DEVELOPMENT);

        assertThat(targets.pooled().driverProperties().getProperty("prepareThreshold"))
                .isEqualTo("0");
        assertThat(targets.pooled().driverProperties()).doesNotContainKey("pgbouncer");
    }

    @Test
    void prepareThresholdCanBeOverridden() {
        ConnectionTargets targets =
                ConnectionTargetsResolver.resolve(settings(POOLER, DIRECT, null, null, 5, null), DEVELOPMENT);

        assertThat(targets.pooled().driverProperties().getProperty("prepareThreshold"))
                .isEqualTo("5");
    }

    @Test
    void plainServerKeepsPreparedStatements() {
        ConnectionTargets targets =
                ConnectionTargetsResolver.resolve(settings(DIRECT, null, null, null, null, null), DEVELOPMENT);

        assertThat(targets.pooled().driverProperties().getProperty("prepareThreshold"))
                .isNull();
    }

    @Test
    void separatePasswordReplacesTheUrlsPassword() throws Exception {
        Path file = Files.writeString(files.resolve("password"), "From-File-Pw\n");
        ConnectionTargets targets = ConnectionTargetsResolver.resolve(
                settings("postgresql://app@db.example.org/dqms", DIRECT, null, file.toString(), null, null),
                DEVELOPMENT);

        assertThat(targets.pooled().password()).isEqualTo("From-File-Pw");
        assertThat(targets.direct().password()).isEqualTo("Pw-Secret-2");
    }

    @Test
    void caBundleIsUsedWhereTheUrlNamesNone() throws Exception {
        Path ca = Files.writeString(files.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        String withOwnCa = DIRECT.replace("sslmode=require", "sslmode=verify-full&sslrootcert=/etc/own-ca.pem");
        ConnectionTargets targets = ConnectionTargetsResolver.resolve(
                settings(DIRECT.replace("require", "verify-full"), withOwnCa, null, null, null, ca.toString()),
                DEVELOPMENT);

        assertThat(targets.pooled().sslRootCert()).contains(ca.toString());
        assertThat(targets.direct().sslRootCert()).contains("/etc/own-ca.pem");
    }

    @Test
    void unreadableCaBundleIsRefused() {
        assertThatThrownBy(() -> ConnectionTargetsResolver.resolve(
                        settings(DIRECT, null, null, null, null, "/nonexistent/ca.pem"), DEVELOPMENT))
                .hasMessage("DATABASE_SSLROOTCERT_FILE: cannot read /nonexistent/ca.pem");
    }

    @Test
    void productionRefusesTheEmbeddedDatabase() {
        assertThatThrownBy(() ->
                        ConnectionTargetsResolver.resolve(settings(null, null, null, null, null, null), PRODUCTION))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL: not set; production mode needs an external PostgreSQL");
    }

    @Test
    void directUrlWithoutPooledUrlIsRefused() {
        assertThatThrownBy(() ->
                        ConnectionTargetsResolver.resolve(settings(null, DIRECT, null, null, null, null), DEVELOPMENT))
                .hasMessage("DIRECT_DATABASE_URL: is set but DATABASE_URL is not; set both or neither");
    }

    @Test
    void passwordFileWithoutAUrlIsRefusedRatherThanIgnored() {
        DatabaseSettings passwordOnly =
                TestSettings.defaults().passwordFile("/run/secrets/db-password").build();

        assertThatThrownBy(() -> ConnectionTargetsResolver.resolve(passwordOnly, DEVELOPMENT))
                .hasMessage("DATABASE_PASSWORD_FILE: is set but DATABASE_URL is not; set both or neither");
    }

    @Test
    void directPasswordWithoutADirectUrlIsRefused() {
        DatabaseSettings directPassword = TestSettings.defaults()
                .url(DIRECT)
                .directPassword("Pw-Secret-3")
                .build();

        assertThatThrownBy(() -> ConnectionTargetsResolver.resolve(directPassword, DEVELOPMENT))
                .hasMessage("DIRECT_DATABASE_PASSWORD: is set but DIRECT_DATABASE_URL is not; set both or neither");
    }
}
