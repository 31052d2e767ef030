package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.dqms.platform.InvalidSettingException;

class PostgresUrlPropertiesTest {

    private static final String VARIABLE = "DATABASE_URL";
    private static final String REDACTED = "postgresql://app:****@db.example.org:5432/dqms?sslmode=require";

    @Property
    void encodedPasswordsSurviveParsing(@ForAll("passwords") String password) {
        PostgresUrl url = PostgresUrl.parse(VARIABLE, urlWithPassword(password));

        assertThat(url.password()).isEqualTo(password);
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.hosts()).containsExactly(new PostgresUrl.HostPort("db.example.org", 5432));
        assertThat(url.database()).isEqualTo("dqms");
        assertThat(url.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(url.driverProperties().getProperty("password")).isEqualTo(password);
    }

    @Property
    void redactedUrlNeverContainsThePassword(@ForAll("passwords") String password) {
        // Otherwise finding the password in the output would prove nothing.
        Assume.that(!REDACTED.contains(password));

        PostgresUrl url = PostgresUrl.parse(VARIABLE, urlWithPassword(password));

        assertThat(url.redacted()).isEqualTo(REDACTED);
        assertThat(url.toString()).doesNotContain(password);
        assertThat(url.jdbcUrl()).doesNotContain(password);
    }

    @Property
    void passwordsAlsoSurviveAsJdbcParameters(@ForAll("passwords") String password) {
        PostgresUrl url = PostgresUrl.parse(
                VARIABLE, "jdbc:postgresql://db.example.org/dqms?user=app&password=" + encode(password));

        assertThat(url.password()).isEqualTo(password);
        assertThat(url.parameters()).isEmpty();
    }

    @Property
    void encodedUserAndDatabaseSurviveParsing(@ForAll("passwords") String user, @ForAll("passwords") String database) {
        Assume.that(!database.isBlank());

        PostgresUrl url = PostgresUrl.parse(VARIABLE, "postgresql://" + encode(user) + ":pw@h/" + encode(database));

        assertThat(url.user()).isEqualTo(user);
        assertThat(url.database()).isEqualTo(database);
        assertThat(PostgresUrl.parse(VARIABLE, url.redacted()).database()).isEqualTo(database);
        assertThat(PostgresUrl.parse(VARIABLE, url.redacted()).user()).isEqualTo(user);
    }

    @Property
    void errorsNeverRepeatThePassword(
            @ForAll("nonAsciiPasswords") String password, @ForAll("corruptions") UnaryOperator<String> corrupt) {
        String raw = corrupt.apply(urlWithPassword(password));

        Throwable thrown = catchThrowable(() -> PostgresUrl.parse(VARIABLE, raw));

        // The messages are plain ASCII, so a password with other characters cannot match by chance.
        assertThat(thrown).isInstanceOf(InvalidSettingException.class);
        assertThat(thrown.getMessage()).startsWith(VARIABLE + ": ").doesNotContain(password, encode(password));
    }

    @Property
    void errorsNeverRepeatAnUnencodedPassword(@ForAll("nonAsciiPasswords") String password) {
        // Unencoded, the password can break the URL apart anywhere; whatever goes wrong, it stays secret.
        String raw = "postgresql://app:" + password + "@db.example.org:5432/dqms?sslmode=require";

        Throwable thrown = catchThrowable(() -> PostgresUrl.parse(VARIABLE, raw));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(InvalidSettingException.class);
            assertThat(thrown.getMessage()).doesNotContain(password);
        }
    }

    @Property
    void garbageIsRejectedOnlyWithInvalidSettingException(@ForAll String raw) {
        parseOrReject(raw);
    }

    @Property(tries = 2000)
    void urlShapedGarbageIsRejectedOnlyWithInvalidSettingException(@ForAll("urlShaped") String raw) {
        PostgresUrl url = parseOrReject(raw);
        Statistics.collect(url == null ? "rejected" : "accepted");
        if (url != null) {
            // Whatever was accepted must be usable and must survive its own redaction.
            assertThat(url.jdbcUrl()).startsWith("jdbc:postgresql://").doesNotContain("?");
            assertThat(url.driverProperties()).isNotNull();
            PostgresUrl reparsed = PostgresUrl.parse(VARIABLE, url.redacted());
            assertThat(reparsed.hosts()).isEqualTo(url.hosts());
            assertThat(reparsed.database()).isEqualTo(url.database());
            assertThat(reparsed.user()).isEqualTo(url.user());
            assertThat(reparsed.parameters().keySet())
                    .isEqualTo(url.parameters().keySet());
        }
    }

    @Property
    void sslModeParseAcceptsOnlyKnownValues(@ForAll String value) {
        Throwable thrown = catchThrowable(() -> SslMode.parse(VARIABLE, value));

        if (thrown == null) {
            assertThat(SslMode.parse(VARIABLE, value).value()).isEqualToIgnoringCase(value.strip());
        } else {
            assertThat(thrown).isInstanceOf(InvalidSettingException.class);
        }
    }

    @Provide
    Arbitrary<String> passwords() {
        return codePoints().list().ofMinSize(4).ofMaxSize(24).map(PostgresUrlPropertiesTest::string);
    }

    @Provide
    Arbitrary<String> nonAsciiPasswords() {
        Arbitrary<Integer> nonAscii = Arbitraries.integers().between(0xA1, 0x17F);
        return Combinators.combine(passwords(), nonAscii, Arbitraries.integers().between(0, 24))
                .as((password, extra, at) -> {
                    StringBuilder out = new StringBuilder(password);
                    int offset = out.offsetByCodePoints(0, Math.min(at, password.codePointCount(0, password.length())));
                    return out.insert(offset, Character.toChars(extra)).toString();
                });
    }

    @Provide
    Arbitrary<UnaryOperator<String>> corruptions() {
        List<UnaryOperator<String>> corruptions = List.of(
                url -> url.replace("postgresql://", "mysql://"),
                url -> url.replace("postgresql://", ""),
                url -> url.replace("db.example.org:5432", ""),
                url -> url.replace(":5432", ":65536"),
                url -> url.replace(":5432", ":54x2"),
                url -> url.replace("db.example.org", "[::1"),
                url -> url.replace("/dqms?", "?"),
                url -> url.replace("sslmode=require", "sslmode=required"),
                url -> url.replace("app:", "a%zzp:"),
                url -> url.replace("app:", "app:%zz"),
                url -> url.replace("app:", "app:%ff"),
                url -> url + "&target_session_attrs=master",
                url -> url + "&noequals");
        return Arbitraries.of(corruptions);
    }

    /** URLs built from plausible parts, now and then a broken one, plus a share of shuffled fragments. */
    @Provide
    Arbitrary<String> urlShaped() {
        Arbitrary<String> scheme = mostly(
                List.of("postgresql://", "postgres://", "jdbc:postgresql://", "POSTGRESQL://"),
                List.of("mysql://", ""));
        Arbitrary<String> text = mostly(
                List.of("app", "a%40b", "p@ss", "p:w", "%C3%A4", "", " ", "+", "#", "ä", "%2F", "&="),
                List.of("p%zz", "%4", "%ff", "x/y", "x?y"));
        Arbitrary<String> userInfo = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just("")),
                Tuple.of(1, text.map(user -> user + "@")),
                Tuple.of(3, Combinators.combine(text, text).as((user, password) -> user + ":" + password + "@")));
        Arbitrary<String> host = mostly(
                List.of(
                        "h",
                        "db.example.org",
                        "ep-x-pooler.neon.tech",
                        "[::1]",
                        "[2001:db8::1]",
                        "h:5432",
                        "h:6543",
                        "[::1]:5433",
                        "H_1"),
                List.of("", "h:0", "h:x", "[::1", "::1", "my host", "h:70000", "[h]"));
        Arbitrary<String> hosts = host.list().ofMinSize(1).ofMaxSize(3).map(list -> String.join(",", list));
        Arbitrary<String> database = mostly(
                List.of("/dqms", "/d%20b", "/d%2Fb", "/%C3%A4", "/d+b", "/d#b"),
                List.of("", "/", "/%zz", "/a/b", "/a@b"));
        Arbitrary<String> name = mostly(
                List.of(
                        "sslmode",
                        "sslrootcert",
                        "application_name",
                        "user",
                        "password",
                        "pgbouncer",
                        "options",
                        "target_session_attrs",
                        "sslpassword",
                        "connect_timeout",
                        "x",
                        "a%3Db"),
                List.of("", "%zz"));
        Arbitrary<String> value = Arbitraries.of(
                "require",
                "verify-full",
                "Prefer",
                "required",
                "true",
                "read-write",
                "standby",
                "master",
                "a b",
                "%41",
                "a%26b",
                "/etc/ssl/ca.pem",
                "",
                "@",
                "x=y",
                "%zz");
        Arbitrary<String> parameter = Arbitraries.frequencyOf(
                Tuple.of(19, Combinators.combine(name, value).as((n, v) -> n + "=" + v)), Tuple.of(1, name));
        Arbitrary<String> query = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just("")),
                Tuple.of(3, parameter.list().ofMaxSize(4).map(list -> "?" + String.join("&", list))));
        Arbitrary<String> structured =
                Combinators.combine(scheme, userInfo, hosts, database, query).as((s, u, h, d, q) -> s + u + h + d + q);

        Arbitrary<String> fragment = Arbitraries.oneOf(
                scheme, text, host, database, name, value, Arbitraries.of("@", ":", "/", "?", "&", "=", "[", "]", ","));
        Arbitrary<String> shuffled = fragment.list().ofMaxSize(12).map(list -> String.join("", list));
        return Arbitraries.frequencyOf(Tuple.of(4, structured), Tuple.of(1, shuffled));
    }

    private static Arbitrary<String> mostly(List<String> valid, List<String> broken) {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.of(valid)), Tuple.of(1, Arbitraries.of(broken)));
    }

    private static PostgresUrl parseOrReject(String raw) {
        try {
            return PostgresUrl.parse(VARIABLE, raw);
        } catch (InvalidSettingException e) {
            assertThat(e.getMessage()).startsWith(VARIABLE + ": ");
            return null;
        }
    }

    /** Printable code points of many scripts, weighted towards the ASCII that is special in URLs. */
    private static Arbitrary<Integer> codePoints() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(
                        3,
                        Arbitraries.of(
                                (int) '@', (int) ':', (int) '/', (int) '?', (int) '#', (int) '%', (int) '+', (int) ' ',
                                (int) '&', (int) '=')),
                Tuple.of(1, Arbitraries.integers().between(0xA0, 0x24F)),
                Tuple.of(1, Arbitraries.integers().between(0x370, 0x3FF)),
                Tuple.of(1, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1F64F)));
    }

    private static String string(List<Integer> codePoints) {
        StringBuilder out = new StringBuilder();
        codePoints.forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String urlWithPassword(String password) {
        return "postgresql://app:" + encode(password) + "@db.example.org:5432/dqms?sslmode=require";
    }

    /** Form encoding with '+' for spaces, made into the percent-encoding that URLs need. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
