package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.dqms.platform.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionPolicyTest {

    private static ConnectionTargets targets(String pooled, String direct) {
        PostgresUrl pooledUrl = PostgresUrl.parse("DATABASE_URL", pooled);
        PostgresUrl directUrl = direct == null ? pooledUrl : PostgresUrl.parse("DIRECT_DATABASE_URL", direct);
        return new ConnectionTargets(pooledUrl, directUrl, Optional.empty(), Optional.empty());
    }

    private static String url(String query) {
        return "postgresql://app:pw@db.example.org:5432/dqms" + (query.isEmpty() ? "" : "?" + query);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sslmode=disable", "sslmode=allow", "sslmode=prefer"})
    void productionRefusesUrlsThatDoNotRequireTls(String query) {
        assertThatThrownBy(() -> ConnectionPolicy.enforce(targets(url(query), null), true))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL: sslmode=")
                .hasMessageContaining("does not require TLS");
    }

    @Test
    void productionChecksTheDirectUrlToo() {
        assertThatThrownBy(() ->
                        ConnectionPolicy.enforce(targets(url("sslmode=verify-full"), url("sslmode=prefer")), true))
                .hasMessageStartingWith("DIRECT_DATABASE_URL: sslmode=prefer does not require TLS");
    }

    @Test
    void developmentOnlyWarnsAboutTls() {
        List<ConnectionPolicy.Finding> warnings =
                ConnectionPolicy.enforce(targets(url("sslmode=disable"), null), false);

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.fatal()).isFalse();
            assertThat(w.line()).startsWith("DATABASE_URL: sslmode=disable does not require TLS");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sslmode=verify-full", "sslmode=verify-ca"})
    void verifiedTlsPassesSilently(String query) {
        assertThat(ConnectionPolicy.enforce(targets(url(query), null), true)).isEmpty();
    }

    @Test
    void plainRequireIsAllowedWithAWarningToVerify() {
        List<ConnectionPolicy.Finding> warnings = ConnectionPolicy.enforce(targets(url("sslmode=require"), null), true);

        assertThat(warnings)
                .singleElement()
                .satisfies(w -> assertThat(w.message())
                        .contains("does not check the server's certificate")
                        .contains("verify-full")
                        .contains("global-bundle.pem"));
    }

    @Test
    void productionRefusesTheNonValidatingFactory() {
        assertThatThrownBy(() -> ConnectionPolicy.enforce(
                        targets(url("sslmode=require&sslfactory=org.postgresql.ssl.NonValidatingFactory"), null), true))
                .hasMessageContaining("DATABASE_URL: sslfactory=org.postgresql.ssl.NonValidatingFactory");
    }

    @Test
    void sessionStateOnATransactionPoolerIsRefused() {
        String pooler = "postgresql://app:pw@ep-x-pooler.eu-central-1.aws.neon.tech/dqms?sslmode=verify-full"
                + "&options=-c%20search_path%3Ddqms";

        assertThatThrownBy(() -> ConnectionPolicy.enforce(targets(pooler, url("sslmode=verify-full")), false))
                .hasMessageStartingWith("DATABASE_URL: the options parameter sets session state, which a transaction"
                        + " pooler does not keep");
    }

    /** Migrations over a transaction pooler lose their advisory lock and role between transactions. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "db.example.org:6543/dqms?sslmode=verify-full",
                "db.example.org/dqms?sslmode=verify-full&pgbouncer=true",
                "ep-cool-123-pooler.eu-central-1.aws.neon.tech/dqms?sslmode=verify-full"
            })
    void productionRefusesADirectUrlThatIsCertainlyATransactionPooler(String direct) {
        String directUrl = "postgresql://migrator:pw@" + direct;
        assertThatThrownBy(() -> ConnectionPolicy.enforce(targets(url("sslmode=verify-full"), directUrl), true))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DIRECT_DATABASE_URL: ")
                .hasMessageEndingWith("it should reach PostgreSQL directly, not through a transaction pooler");
        assertThat(ConnectionPolicy.enforce(targets(url("sslmode=verify-full"), directUrl), false))
                .singleElement()
                .satisfies(f -> assertThat(f.fatal()).isFalse());
    }

    /**
     * Neon's pooled endpoint is PgBouncer in transaction mode, always, also under Vercel Postgres'
     * domain; the line says so.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "ep-cool-123-pooler.eu-central-1.aws.neon.tech/dqms?sslmode=verify-full",
                "ep-cool-123-pooler.us-east-1.postgres.vercel-storage.com/verceldb?sslmode=verify-full"
            })
    void productionRefusesNeonsPoolerHostAsTheDirectUrlInOneLine(String host) {
        String direct = "postgresql://migrator:pw@" + host;

        assertThatThrownBy(() -> ConnectionPolicy.enforce(targets(url("sslmode=verify-full"), direct), true))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("DIRECT_DATABASE_URL: names Neon's pooler host (-pooler), which is PgBouncer in transaction"
                        + " mode; it should reach PostgreSQL directly, not through a transaction pooler");
    }

    /**
     * A pooler host may run in session mode (Supabase's session pooler, or any other host named
     * -pooler): only a warning.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "aws-0-eu-central-1.pooler.supabase.com:5432/dqms?sslmode=verify-full",
                "db-pooler.example.org/dqms?sslmode=verify-full",
                "ep-cool-123.eu-central-1.aws.neon.tech-pooler.example.org/dqms?sslmode=verify-full"
            })
    void aPoolerHostOnTheDirectUrlIsAWarningEvenInProduction(String host) {
        String direct = "postgresql://migrator:pw@" + host;

        assertThat(ConnectionPolicy.enforce(targets(url("sslmode=verify-full"), direct), true))
                .singleElement()
                .satisfies(f -> assertThat(f.fatal()).isFalse());
    }

    @Test
    void sessionStateWithoutAPoolerIsAWarning() {
        List<ConnectionPolicy.Finding> findings =
                ConnectionPolicy.enforce(targets(url("sslmode=verify-full&currentSchema=dqms"), null), false);

        assertThat(findings)
                .singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("the currentSchema parameter sets session state"));
    }
}
