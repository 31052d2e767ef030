package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Properties;
import org.dqms.database.PostgresUrl.HostPort;
import org.dqms.platform.InvalidSettingException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.Driver;

class PostgresUrlTest {

    private static final String VARIABLE = "DATABASE_URL";
    private static final String PASSWORD = "Sup3r-S3cret";

    private static PostgresUrl parse(String raw) {
        return PostgresUrl.parse(VARIABLE, raw);
    }

    @Nested
    class Parsing {

        @Test
        void readsEveryPartOfAFullUrl() {
            PostgresUrl url = parse("postgresql://app:" + PASSWORD + "@db.example.org:5433/dqms?sslmode=require");

            assertThat(url.variable()).isEqualTo(VARIABLE);
            assertThat(url.hosts()).containsExactly(new HostPort("db.example.org", 5433));
            assertThat(url.database()).isEqualTo("dqms");
            assertThat(url.user()).isEqualTo("app");
            assertThat(url.password()).isEqualTo(PASSWORD);
            assertThat(url.parameters()).containsExactly(entry("sslmode", "require"));
            assertThat(url.sslMode()).isEqualTo(SslMode.REQUIRE);
            assertThat(url.sslModeGiven()).isTrue();
        }

        @Test
        void minimalUrlGetsDefaults() {
            PostgresUrl url = parse("postgresql://db.example.org/dqms");

            assertThat(url.hosts()).containsExactly(new HostPort("db.example.org", 5432));
            assertThat(url.user()).isNull();
            assertThat(url.password()).isNull();
            assertThat(url.parameters()).isEmpty();
            assertThat(url.sslMode()).isEqualTo(SslMode.PREFER);
            assertThat(url.sslModeGiven()).isFalse();
            assertThat(url.sslRootCert()).isEmpty();
        }

        @Test
        void userWithoutPassword() {
            PostgresUrl url = parse("postgresql://app@h/dqms");

            assertThat(url.user()).isEqualTo("app");
            assertThat(url.password()).isNull();
        }

        @Test
        void emptyPasswordMeansNone() {
            assertThat(parse("postgresql://app:@h/dqms").password()).isNull();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "postgresql://app:pw@h:5432/dqms",
                    "postgres://app:pw@h:5432/dqms",
                    "jdbc:postgresql://app:pw@h:5432/dqms",
                    "jdbc:postgresql://h:5432/dqms?user=app&password=pw",
                    "POSTGRESQL://app:pw@h:5432/dqms",
                    "JDBC:PostgreSQL://app:pw@h:5432/dqms"
                })
        void acceptsEverySupportedScheme(String raw) {
            PostgresUrl url = parse(raw);

            assertThat(url.hosts()).containsExactly(new HostPort("h", 5432));
            assertThat(url.database()).isEqualTo("dqms");
            assertThat(url.user()).isEqualTo("app");
            assertThat(url.password()).isEqualTo("pw");
        }

        @Test
        void jdbcUrlCredentialsMoveOutOfTheParameters() {
            PostgresUrl url =
                    parse("jdbc:postgresql://h:5432/dqms?user=app&password=" + PASSWORD + "&sslmode=verify-full");

            assertThat(url.user()).isEqualTo("app");
            assertThat(url.password()).isEqualTo(PASSWORD);
            assertThat(url.parameters()).containsExactly(entry("sslmode", "verify-full"));
            assertThat(url.parameter("user")).isEmpty();
            assertThat(url.parameter("password")).isEmpty();
            assertThat(url.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        }

        @Test
        void credentialParametersBeatTheUserInfo() {
            PostgresUrl url = parse("postgresql://old:oldpw@h/dqms?user=new&password=newpw");

            assertThat(url.user()).isEqualTo("new");
            assertThat(url.password()).isEqualTo("newpw");
        }

        @Test
        void passwordWithUnencodedAtSignUsesTheLastAt() {
            PostgresUrl url = parse("postgresql://app:p@ss@w@rd@h:5432/dqms");

            assertThat(url.user()).isEqualTo("app");
            assertThat(url.password()).isEqualTo("p@ss@w@rd");
            assertThat(url.hosts()).containsExactly(new HostPort("h", 5432));
        }

        @Test
        void passwordWithUnencodedColonSplitsAtTheFirstColon() {
            PostgresUrl url = parse("postgresql://app:a:b:c@h/dqms");

            assertThat(url.user()).isEqualTo("app");
            assertThat(url.password()).isEqualTo("a:b:c");
        }

        @Test
        void passwordMayHoldHashAndOtherUnencodedPunctuation() {
            assertThat(parse("postgresql://app:a#b!c$d&e=f;g*h@h/dqms").password())
                    .isEqualTo("a#b!c$d&e=f;g*h");
        }

        @Test
        void plusInTheUserInfoIsAPlusNotASpace() {
            PostgresUrl url = parse("postgresql://a+b:c+d%2Be@h/dqms");

            assertThat(url.user()).isEqualTo("a+b");
            assertThat(url.password()).isEqualTo("c+d+e");
        }

        @Test
        void percentDecodesUserPasswordDatabaseAndParameters() {
            PostgresUrl url = parse("postgresql://%C3%BCser:p%C3%A4ss%20w%25rd@h/my%20db"
                    + "?application_name=queue%20board&options=-c%20search_path%3Dq");

            assertThat(url.user()).isEqualTo("üser");
            assertThat(url.password()).isEqualTo("päss w%rd");
            assertThat(url.database()).isEqualTo("my db");
            assertThat(url.parameters())
                    .containsExactly(entry("application_name", "queue board"), entry("options", "-c search_path=q"));
        }

        @Test
        void unencodedNonAsciiIsKept() {
            assertThat(parse("postgresql://app:pässwörd€@h/dqms").password()).isEqualTo("pässwörd€");
        }

        @Test
        void parametersKeepTheirOrderAndSpelling() {
            PostgresUrl url = parse("postgresql://h/dqms?sslmode=require&ApplicationName=x&connect_timeout=5&b=");

            assertThat(url.parameters().keySet()).containsExactly("sslmode", "ApplicationName", "connect_timeout", "b");
            assertThat(url.parameter("b")).contains("");
            assertThat(url.parameter("missing")).isEmpty();
        }

        @Test
        void parameterValueMayContainEqualsSignsAndSlashes() {
            PostgresUrl url = parse("postgresql://h/dqms?options=-c statement_timeout=5000&sslrootcert=/etc/a/b.pem");

            assertThat(url.parameter("options")).contains("-c statement_timeout=5000");
            assertThat(url.sslRootCert()).contains("/etc/a/b.pem");
        }

        @Test
        void emptyQueryPartsAreIgnored() {
            assertThat(parse("postgresql://h/dqms?&sslmode=require&&").parameters())
                    .containsExactly(entry("sslmode", "require"));
            assertThat(parse("postgresql://h/dqms?").parameters()).isEmpty();
        }

        @Test
        void ipv6LiteralInBrackets() {
            PostgresUrl url = parse("postgresql://app:pw@[2001:db8::1]:5433/dqms");

            assertThat(url.hosts()).containsExactly(new HostPort("2001:db8::1", 5433));
            assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[2001:db8::1]:5433/dqms");
            assertThat(parse("postgresql://[::1]/dqms").hosts()).containsExactly(new HostPort("::1", 5432));
        }

        @Test
        void severalHosts() {
            PostgresUrl url =
                    parse("postgresql://app:pw@h1:5432,h2:5433,[::1],h4/dqms?target_session_attrs=read-write");

            assertThat(url.hosts())
                    .containsExactly(
                            new HostPort("h1", 5432),
                            new HostPort("h2", 5433),
                            new HostPort("::1", 5432),
                            new HostPort("h4", 5432));
            assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433,[::1]:5432,h4:5432/dqms");
        }

        @Test
        void surroundingWhitespaceAndQuotesAreIgnored() {
            assertThat(parse("  postgresql://h/dqms\n").database()).isEqualTo("dqms");
            assertThat(parse("\"postgresql://h/dqms\"").database()).isEqualTo("dqms");
            assertThat(parse("'postgresql://h/dqms'").database()).isEqualTo("dqms");
        }

        @Test
        void hostPortToStringIsUrlShaped() {
            assertThat(new HostPort("h", 5432)).hasToString("h:5432");
            assertThat(new HostPort("::1", 5432)).hasToString("[::1]:5432");
        }

        @Test
        void parametersCannotBeModified() {
            PostgresUrl url = parse("postgresql://h/dqms?sslmode=require");

            assertThatThrownBy(() -> url.parameters().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> url.hosts().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class CloudProviders {

        @Test
        void neonPooler() {
            PostgresUrl url =
                    parse("postgresql://app:p%40ss%3Aword@ep-cool-123-pooler.eu-central-1.aws.neon.tech/neondb"
                            + "?sslmode=require&channel_binding=require");

            assertThat(url.user()).isEqualTo("app");
            assertThat(url.password()).isEqualTo("p@ss:word");
            assertThat(url.hosts())
                    .containsExactly(new HostPort("ep-cool-123-pooler.eu-central-1.aws.neon.tech", 5432));
            assertThat(url.database()).isEqualTo("neondb");
            assertThat(url.sslMode()).isEqualTo(SslMode.REQUIRE);
            assertThat(url.looksLikeTransactionPooler()).isTrue();
            assertThat(url.pgbouncerFlag()).isFalse();
            assertThat(url.driverProperties()).containsEntry("channelBinding", "require");
            assertThat(url.redacted())
                    .isEqualTo("postgresql://app:****@ep-cool-123-pooler.eu-central-1.aws.neon.tech:5432/neondb"
                            + "?sslmode=require&channel_binding=require")
                    .doesNotContain("p@ss:word", "p%40ss%3Aword", "word");
        }

        @Test
        void supabaseTransactionPooler() {
            PostgresUrl url = parse("postgres://postgres.abc:" + PASSWORD
                    + "@aws-0-eu-central-1.pooler.supabase.com:6543/postgres" + "?pgbouncer=true");

            assertThat(url.user()).isEqualTo("postgres.abc");
            assertThat(url.password()).isEqualTo(PASSWORD);
            assertThat(url.hosts()).containsExactly(new HostPort("aws-0-eu-central-1.pooler.supabase.com", 6543));
            assertThat(url.database()).isEqualTo("postgres");
            assertThat(url.pgbouncerFlag()).isTrue();
            assertThat(url.looksLikeTransactionPooler()).isTrue();
            assertThat(url.sslModeGiven()).isFalse();
            assertThat(url.driverProperties()).doesNotContainKey("pgbouncer");
            assertThat(url.redacted()).doesNotContain(PASSWORD).startsWith("postgresql://postgres.abc:****@");
        }

        @Test
        void rdsWithVerifiedTls() {
            PostgresUrl url = parse("postgresql://u:" + PASSWORD + "@db.abc.eu-west-1.rds.amazonaws.com:5432/dqms"
                    + "?sslmode=verify-full&sslrootcert=/etc/ssl/rds/global-bundle.pem");

            assertThat(url.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
            assertThat(url.sslMode().verifiesServer()).isTrue();
            assertThat(url.sslRootCert()).contains("/etc/ssl/rds/global-bundle.pem");
            assertThat(url.looksLikeTransactionPooler()).isFalse();
            assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.abc.eu-west-1.rds.amazonaws.com:5432/dqms");
            assertThat(url.driverProperties())
                    .containsEntry("sslmode", "verify-full")
                    .containsEntry("sslrootcert", "/etc/ssl/rds/global-bundle.pem");
            assertThat(url.redacted())
                    .isEqualTo("postgresql://u:****@db.abc.eu-west-1.rds.amazonaws.com:5432/dqms"
                            + "?sslmode=verify-full&sslrootcert=/etc/ssl/rds/global-bundle.pem");
        }

        @Test
        void azureUserWithServerSuffix() {
            PostgresUrl url =
                    parse("postgresql://u%40srv:" + PASSWORD + "@srv.postgres.database.azure.com/dqms?sslmode=require");

            assertThat(url.user()).isEqualTo("u@srv");
            assertThat(url.password()).isEqualTo(PASSWORD);
            assertThat(url.hosts()).containsExactly(new HostPort("srv.postgres.database.azure.com", 5432));
            assertThat(url.looksLikeTransactionPooler()).isFalse();
            assertThat(url.driverProperties()).containsEntry("user", "u@srv");
            assertThat(url.redacted())
                    .isEqualTo("postgresql://u%40srv:****@srv.postgres.database.azure.com:5432/dqms?sslmode=require");
        }
    }

    @Nested
    class Poolers {

        @ParameterizedTest
        @CsvSource({
            "postgresql://h:6543/dqms, true",
            "'postgresql://h1:5432,h2:6543/dqms', true",
            "postgresql://ep-x-pooler.neon.tech/dqms, true",
            "postgresql://EP-X-POOLER.NEON.TECH/dqms, true",
            "postgresql://ep-x-123-pooler.us-east-1.postgres.vercel-storage.com/verceldb, true",
            "postgresql://aws-0-eu.pooler.supabase.com:5432/dqms, true",
            "postgresql://h/dqms?pgbouncer=true, true",
            "postgresql://h/dqms?pgbouncer=TRUE, true",
            "postgresql://h/dqms?pgbouncer=false, false",
            "postgresql://db.abc.supabase.co:5432/dqms, false",
            "postgresql://pooler.example.org/dqms, false",
            "postgresql://h:5432/dqms, false"
        })
        void detectsTransactionPoolers(String raw, boolean pooler) {
            assertThat(parse(raw).looksLikeTransactionPooler()).isEqualTo(pooler);
        }

        @Test
        void pgbouncerFlagNeedsTrue() {
            assertThat(parse("postgresql://h/dqms?pgbouncer=True").pgbouncerFlag())
                    .isTrue();
            assertThat(parse("postgresql://h/dqms?pgbouncer=1").pgbouncerFlag()).isFalse();
            assertThat(parse("postgresql://h/dqms").pgbouncerFlag()).isFalse();
        }
    }

    @Nested
    class Redaction {

        @Test
        void masksThePassword() {
            PostgresUrl url = parse("postgres://app:" + PASSWORD + "@h:5432/dqms?sslmode=require");

            assertThat(url.redacted()).isEqualTo("postgresql://app:****@h:5432/dqms?sslmode=require");
            assertThat(url).hasToString(url.redacted());
        }

        @Test
        void withoutUserThereIsNoUserInfo() {
            assertThat(parse("postgresql://h/dqms").redacted()).isEqualTo("postgresql://h:5432/dqms");
        }

        @Test
        void userWithoutPasswordIsShownAlone() {
            assertThat(parse("postgresql://app@h/dqms").redacted()).isEqualTo("postgresql://app@h:5432/dqms");
        }

        @Test
        void passwordWithoutUserIsStillMasked() {
            PostgresUrl url = parse("jdbc:postgresql://h/dqms?password=" + PASSWORD);

            assertThat(url.redacted())
                    .isEqualTo("postgresql://:****@h:5432/dqms")
                    .doesNotContain(PASSWORD);
        }

        @Test
        void masksPasswordParameters() {
            PostgresUrl url = parse("jdbc:postgresql://h/dqms?sslPassword=Other5ecret&user=app&password=" + PASSWORD
                    + "&sslkey=/k.pk8&sslpassword=KeyS3cret");

            assertThat(url.redacted())
                    .isEqualTo("postgresql://app:****@h:5432/dqms?sslPassword=****&sslkey=/k.pk8&sslpassword=****")
                    .doesNotContain(PASSWORD, "KeyS3cret", "Other5ecret");
        }

        @Test
        void encodesWhatWouldOtherwiseBreakTheUrl() {
            PostgresUrl url = parse("postgresql://a%20b:pw@h/my%2Fdb?application_name=a%26b%3Dc");

            assertThat(url.redacted()).isEqualTo("postgresql://a%20b:****@h:5432/my%2Fdb?application_name=a%26b%3Dc");
        }

        @Test
        void redactedUrlParsesBackToTheSameConnection() {
            PostgresUrl url = parse("jdbc:postgresql://%C3%BCser:" + PASSWORD
                    + "@h1:5433,[::1]/d%C3%A9%2Fb?sslmode=require&options=-c%20a%3Db&sslpassword=x");

            PostgresUrl reparsed = parse(url.redacted());

            assertThat(reparsed.hosts()).isEqualTo(url.hosts());
            assertThat(reparsed.database()).isEqualTo(url.database()).isEqualTo("dé/b");
            assertThat(reparsed.user()).isEqualTo(url.user());
            assertThat(reparsed.password()).isEqualTo("****");
            assertThat(reparsed.parameters().keySet())
                    .isEqualTo(url.parameters().keySet());
            assertThat(reparsed.parameter("options")).isEqualTo(url.parameter("options"));
        }
    }

    @Nested
    class JdbcUrl {

        @Test
        void hasNoCredentialsAndNoQuery() {
            PostgresUrl url = parse("jdbc:postgresql://h:5432/dqms?user=app&password=" + PASSWORD + "&sslmode=require");

            assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/dqms").doesNotContain("app", PASSWORD, "?");
        }

        @Test
        void pgjdbcReadsBackTheDatabaseHostsAndCredentials() {
            PostgresUrl url = parse("postgresql://app%2B1:" + PASSWORD
                    + "@h1:5432,h2:5433/my%20d%2Bb%3Fx?sslmode=require&target_session_attrs=read-write");

            Properties parsed = Driver.parseURL(url.jdbcUrl(), url.driverProperties());

            assertThat(parsed).isNotNull();
            assertThat(parsed.getProperty("PGDBNAME")).isEqualTo("my d+b?x");
            assertThat(parsed.getProperty("PGHOST")).isEqualTo("h1,h2");
            assertThat(parsed.getProperty("PGPORT")).isEqualTo("5432,5433");
            assertThat(parsed.getProperty("user")).isEqualTo("app+1");
            assertThat(parsed.getProperty("password")).isEqualTo(PASSWORD);
            assertThat(parsed.getProperty("sslmode")).isEqualTo("require");
            assertThat(parsed.getProperty("targetServerType")).isEqualTo("primary");
        }
    }

    @Nested
    class DriverProperties {

        @Test
        void translatesLibpqNamesToPgjdbcNames() {
            PostgresUrl url = parse("postgresql://app:" + PASSWORD + "@h/dqms?application_name=dqms-web"
                    + "&connect_timeout=10&channel_binding=require&gssencmode=disable&target_session_attrs=read-only");

            assertThat(url.driverProperties())
                    .containsOnly(
                            entry("ApplicationName", "dqms-web"),
                            entry("connectTimeout", "10"),
                            entry("channelBinding", "require"),
                            entry("gssEncMode", "disable"),
                            entry("targetServerType", "secondary"),
                            entry("user", "app"),
                            entry("password", PASSWORD));
        }

        @ParameterizedTest
        @CsvSource({
            "any, any",
            "read-write, primary",
            "primary, primary",
            "read-only, secondary",
            "standby, secondary",
            "prefer-standby, preferSecondary"
        })
        void translatesTargetSessionAttrs(String libpq, String pgjdbc) {
            assertThat(parse("postgresql://h/dqms?target_session_attrs=" + libpq)
                            .driverProperties())
                    .containsOnly(entry("targetServerType", pgjdbc));
        }

        @Test
        void passesSslAndUnknownParametersThrough() {
            PostgresUrl url = parse("postgresql://h/dqms?sslmode=verify-ca&sslrootcert=/r.pem&sslcert=/c.pem"
                    + "&sslkey=/k.pk8&sslpassword=kp&sslfactory=org.example.F&options=-c%20x%3Dy&prepareThreshold=0");

            assertThat(url.driverProperties())
                    .containsOnly(
                            entry("sslmode", "verify-ca"),
                            entry("sslrootcert", "/r.pem"),
                            entry("sslcert", "/c.pem"),
                            entry("sslkey", "/k.pk8"),
                            entry("sslpassword", "kp"),
                            entry("sslfactory", "org.example.F"),
                            entry("options", "-c x=y"),
                            entry("prepareThreshold", "0"));
        }

        @Test
        void givesTheDriverTheCanonicalSslMode() {
            assertThat(parse("postgresql://h/dqms?sslmode=Verify-Full").driverProperties())
                    .containsOnly(entry("sslmode", "verify-full"));
        }

        @Test
        void leavesOutThePgbouncerFlag() {
            assertThat(parse("postgresql://h/dqms?pgbouncer=true").driverProperties())
                    .isEmpty();
        }

        @Test
        void hasNoCredentialsWhenTheUrlHasNone() {
            assertThat(parse("postgresql://h/dqms").driverProperties()).isEmpty();
        }

        @Test
        void isAFreshCopyEachTime() {
            PostgresUrl url = parse("postgresql://app:pw@h/dqms");

            url.driverProperties().setProperty("user", "changed");

            assertThat(url.driverProperties()).containsEntry("user", "app");
        }
    }

    @Nested
    class Copies {

        private final PostgresUrl original = parse("postgresql://app:old-pw@h/dqms?sslmode=require&a=1");

        @Test
        void withPasswordReplacesOnlyThePassword() {
            PostgresUrl copy = original.withPassword(PASSWORD);

            assertThat(copy.password()).isEqualTo(PASSWORD);
            assertThat(copy.user()).isEqualTo("app");
            assertThat(copy.parameters()).isEqualTo(original.parameters());
            assertThat(original.password()).isEqualTo("old-pw");
            assertThat(original.withPassword(null).password()).isNull();
        }

        @Test
        void withUserReplacesOnlyTheUser() {
            PostgresUrl copy = original.withUser("other");

            assertThat(copy.user()).isEqualTo("other");
            assertThat(copy.password()).isEqualTo("old-pw");
            assertThat(original.user()).isEqualTo("app");
        }

        @Test
        void withParameterReplacesKeepingThePosition() {
            PostgresUrl copy = original.withParameter("sslmode", "verify-full");

            assertThat(copy.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
            assertThat(copy.parameters()).containsExactly(entry("sslmode", "verify-full"), entry("a", "1"));
            assertThat(original.sslMode()).isEqualTo(SslMode.REQUIRE);
        }

        @Test
        void withParameterAddsAtTheEnd() {
            assertThat(original.withParameter("sslrootcert", "/r.pem").parameters())
                    .containsExactly(entry("sslmode", "require"), entry("a", "1"), entry("sslrootcert", "/r.pem"));
        }

        @Test
        void withParameterNullRemoves() {
            PostgresUrl copy = original.withParameter("sslmode", null);

            assertThat(copy.sslModeGiven()).isFalse();
            assertThat(copy.sslMode()).isEqualTo(SslMode.PREFER);
        }

        @Test
        void withParameterRoutesCredentials() {
            PostgresUrl copy = original.withParameter("user", "u2").withParameter("password", "p2");

            assertThat(copy.user()).isEqualTo("u2");
            assertThat(copy.password()).isEqualTo("p2");
            assertThat(copy.parameters()).doesNotContainKeys("user", "password");
        }

        @Test
        void withParameterValidatesSslMode() {
            assertThatThrownBy(() -> original.withParameter("sslmode", "required"))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith(VARIABLE + ": unknown sslmode 'required'");
        }

        @Test
        void withParameterValidatesTargetSessionAttrs() {
            assertThatThrownBy(() -> original.withParameter("target_session_attrs", "master"))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("target_session_attrs");
        }

        @Test
        void withParameterNeedsAName() {
            assertThatThrownBy(() -> original.withParameter("", "x")).isInstanceOf(InvalidSettingException.class);
        }

        @Test
        void copiesAreEqualWhenTheirPartsAre() {
            assertThat(original.withPassword("x").withPassword("old-pw")).isEqualTo(original);
        }
    }

    @Nested
    class Errors {

        private static final String SECRET = "Zq7-s3cr3t-pw";

        /** Asserts the URL is rejected with a message naming the variable and the problem, never the secret. */
        private static void assertRejected(String raw, String problem) {
            assertThatThrownBy(() -> PostgresUrl.parse("DQMS_DATABASE_URL", raw))
                    .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                        assertThat(e.setting()).isEqualTo("DQMS_DATABASE_URL");
                        assertThat(e.getMessage())
                                .startsWith("DQMS_DATABASE_URL: ")
                                .contains(problem)
                                .doesNotContain(SECRET, "s3cr3t")
                                .doesNotContain(raw.strip());
                    });
        }

        @Test
        void nullValue() {
            assertThatThrownBy(() -> PostgresUrl.parse("DQMS_DATABASE_URL", null))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith("DQMS_DATABASE_URL: is empty");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n\t"})
        void blankValue(String raw) {
            assertThatThrownBy(() -> PostgresUrl.parse("DQMS_DATABASE_URL", raw))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith("DQMS_DATABASE_URL: is empty");
        }

        @Test
        void mysqlScheme() {
            assertRejected(
                    "mysql://app:" + SECRET + "@h:3306/dqms",
                    "unsupported scheme 'mysql' (use postgresql://, postgres:// or jdbc:postgresql://)");
        }

        @Test
        void httpScheme() {
            assertRejected("http://app:" + SECRET + "@h/dqms", "unsupported scheme 'http'");
        }

        @Test
        void otherJdbcDriver() {
            assertRejected("jdbc:mysql://app:" + SECRET + "@h/dqms", "unsupported scheme 'jdbc:mysql'");
        }

        @Test
        void noScheme() {
            assertRejected("h:5432/dqms", "is not a PostgreSQL URL");
            assertRejected("app:" + SECRET + "@h:5432/dqms", "is not a PostgreSQL URL");
        }

        @Test
        void schemeThatCouldBeASecretIsNotRepeated() {
            assertRejected("app:" + SECRET + "://h/dqms", "unsupported scheme (use");
        }

        @Test
        void missingHost() {
            assertRejected("postgresql:///dqms", "missing host");
            assertRejected("postgresql://app:" + SECRET + "@/dqms", "missing host");
            assertRejected("postgresql://app:" + SECRET + "@:5432/dqms", "missing host");
            assertRejected("postgresql://h1,,h2/dqms", "missing host");
        }

        @Test
        void missingDatabase() {
            assertRejected("postgresql://app:" + SECRET + "@h:5432", "missing database name");
            assertRejected("postgresql://app:" + SECRET + "@h:5432/", "missing database name");
            assertRejected("postgresql://app:" + SECRET + "@h:5432?sslmode=require", "missing database name");
            assertRejected("postgresql://app:" + SECRET + "@h:5432/%20", "missing database name");
        }

        @Test
        void portNotANumber() {
            assertRejected("postgresql://app:" + SECRET + "@h:abc/dqms", "port is not a number");
            assertRejected("postgresql://app:" + SECRET + "@h:/dqms", "port is not a number");
            assertRejected("postgresql://app:" + SECRET + "@h:-1/dqms", "port is not a number");
            assertRejected("postgresql://app:" + SECRET + "@h:\u0665\u0664\u0663\u0662/dqms", "port is not a number");
        }

        @Test
        void portOutOfRange() {
            assertRejected("postgresql://app:" + SECRET + "@h:0/dqms", "port is outside 1..65535");
            assertRejected("postgresql://app:" + SECRET + "@h:65536/dqms", "port is outside 1..65535");
            assertRejected("postgresql://app:" + SECRET + "@h:99999999999999999999/dqms", "port is outside 1..65535");
        }

        @Test
        void portBoundariesAreAccepted() {
            assertThat(parse("postgresql://h:1/dqms").hosts()).containsExactly(new HostPort("h", 1));
            assertThat(parse("postgresql://h:65535/dqms").hosts()).containsExactly(new HostPort("h", 65535));
        }

        @Test
        void unknownSslMode() {
            assertRejected(
                    "postgresql://app:" + SECRET + "@h/dqms?sslmode=required",
                    "unknown sslmode 'required' (allowed: disable, allow, prefer, require, verify-ca, verify-full)");
            assertRejected("postgresql://app:" + SECRET + "@h/dqms?sslmode=", "unknown sslmode (allowed:");
        }

        @Test
        void unknownSslModeThatCouldBeASecretIsNotRepeated() {
            assertRejected("postgresql://h/dqms?sslmode=" + SECRET + "!", "unknown sslmode (allowed:");
        }

        @Test
        void unknownTargetSessionAttrs() {
            assertRejected(
                    "postgresql://app:" + SECRET + "@h/dqms?target_session_attrs=master",
                    "unknown target_session_attrs 'master' (allowed: any, read-write, primary, read-only, standby,"
                            + " prefer-standby)");
        }

        @Test
        void malformedPercentEncodingInPassword() {
            assertRejected("postgresql://app:s3cr3t%zz@h/dqms", "malformed percent-encoding in the password");
            assertRejected("postgresql://app:" + SECRET + "%2@h/dqms", "malformed percent-encoding in the password");
            assertRejected("postgresql://app:" + SECRET + "%@h/dqms", "malformed percent-encoding in the password");
        }

        @Test
        void malformedPercentEncodingInUser() {
            assertRejected("postgresql://a%zzpp:" + SECRET + "@h/dqms", "malformed percent-encoding in the user name");
        }

        @Test
        void malformedPercentEncodingElsewhere() {
            assertRejected("postgresql://app:" + SECRET + "@h/dq%zzms", "malformed percent-encoding in the database");
            assertRejected(
                    "jdbc:postgresql://h/dqms?password=" + SECRET + "%zz",
                    "malformed percent-encoding in the password");
            assertRejected(
                    "postgresql://app:" + SECRET + "@h/dqms?options=%g0", "malformed percent-encoding in the value");
        }

        @Test
        void nonAsciiHexDigitsAreNotAnEscape() {
            assertRejected("postgresql://app:s3cr3t%\u0664\u0661@h/dqms", "malformed percent-encoding in the password");
        }

        @Test
        void percentEncodingThatIsNotUtf8() {
            assertRejected("postgresql://app:s3cr3t%ff@h/dqms", "password are not valid UTF-8");
        }

        @Test
        void unterminatedIpv6Bracket() {
            assertRejected("postgresql://app:" + SECRET + "@[::1:5432/dqms", "missing its closing ']'");
            assertRejected("postgresql://app:" + SECRET + "@[2001:db8::1/dqms", "missing its closing ']'");
        }

        @Test
        void invalidIpv6Address() {
            assertRejected("postgresql://[db.example.org]/dqms", "invalid IPv6 address");
            assertRejected("postgresql://[::1]x/dqms", "unexpected characters after an IPv6 address");
        }

        @Test
        void unbracketedIpv6Address() {
            assertRejected("postgresql://app:" + SECRET + "@::1/dqms", "missing host");
            assertRejected("postgresql://app:" + SECRET + "@fe80::1:5432/dqms", "IPv6 address in brackets");
        }

        @Test
        void invalidHostCharacters() {
            assertRejected("postgresql://app:" + SECRET + "@my host/dqms", "host name may only contain");
        }

        @Test
        void passwordCutShortByAnUnencodedSlashGetsAHint() {
            assertRejected("postgresql://app:" + SECRET + "/x@h/dqms", "percent-encode them as %2F and %3F");
            assertRejected("postgresql://app:12/" + SECRET + "@h/dqms", "percent-encode them as %2F and %3F");
            assertRejected("postgresql://app:12?" + SECRET + "@h/dqms", "percent-encode them as %2F and %3F");
        }

        @Test
        void queryParameterWithoutEquals() {
            assertRejected("jdbc:postgresql://h/dqms?password=ab&" + SECRET, "a query parameter has no '='");
        }

        @Test
        void queryParameterWithoutName() {
            assertRejected("postgresql://app:" + SECRET + "@h/dqms?=x", "a query parameter has an empty name");
        }

        @Test
        void passwordCutAtAnUnencodedAmpersand() {
            // The password is "ab&Zq7-s3cr3t-pw=cd": its end must reach neither the driver nor a log.
            assertRejected(
                    "jdbc:postgresql://h/dqms?user=app&password=ab&" + SECRET + "=cd&sslmode=verify-full",
                    "a query parameter after password= is not a connection parameter; write '&' in a password as"
                            + " %26");
        }

        @Test
        void connectionParametersMayFollowThePassword() {
            PostgresUrl url = parse("jdbc:postgresql://h/dqms?user=app&password=ab%26cd&sslmode=verify-full"
                    + "&connect_timeout=5&ApplicationName=dqms&pgbouncer=true");

            assertThat(url.password()).isEqualTo("ab&cd");
            assertThat(url.driverProperties())
                    .containsEntry("sslmode", "verify-full")
                    .containsEntry("connectTimeout", "5")
                    .containsEntry("ApplicationName", "dqms");
        }
    }

    @Nested
    class SslModes {

        @ParameterizedTest
        @CsvSource({
            "disable, DISABLE, false, false",
            "allow, ALLOW, false, false",
            "prefer, PREFER, false, false",
            "require, REQUIRE, true, false",
            "verify-ca, VERIFY_CA, true, true",
            "verify-full, VERIFY_FULL, true, true"
        })
        void eachValue(String value, SslMode mode, boolean requiresTls, boolean verifiesServer) {
            assertThat(SslMode.parse(VARIABLE, value)).isEqualTo(mode);
            assertThat(mode.value()).isEqualTo(value);
            assertThat(mode.requiresTls()).isEqualTo(requiresTls);
            assertThat(mode.verifiesServer()).isEqualTo(verifiesServer);
            assertThat(parse("postgresql://h/dqms?sslmode=" + value).sslMode()).isEqualTo(mode);
        }

        @ParameterizedTest
        @EnumSource(SslMode.class)
        void parseIgnoresCase(SslMode mode) {
            assertThat(SslMode.parse(VARIABLE, mode.value().toUpperCase())).isEqualTo(mode);
        }

        @Test
        void unknownValueListsTheAllowedOnes() {
            assertThatThrownBy(() -> SslMode.parse("PGSSLMODE", "verify_full"))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessage("PGSSLMODE: unknown sslmode 'verify_full'"
                            + " (allowed: disable, allow, prefer, require, verify-ca, verify-full)");
        }

        @Test
        void nullValueIsUnknown() {
            assertThatThrownBy(() -> SslMode.parse("PGSSLMODE", null))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith("PGSSLMODE: unknown sslmode (allowed:");
        }
    }
}
