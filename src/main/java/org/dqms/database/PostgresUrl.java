package org.dqms.database;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dqms.platform.InvalidSettingException;
import org.postgresql.PGProperty;

/**
 * A PostgreSQL connection URL as cloud consoles hand it out ({@code postgresql://}, {@code postgres://}
 * or {@code jdbc:postgresql://}), taken apart so that dqms can connect through pgjdbc and can log it
 * without the password.
 *
 * <p>The URL is parsed by hand because {@link java.net.URI} rejects many real passwords. Error
 * messages never repeat the URL, nor any piece of it that could be part of the password.
 *
 * @param variable the setting the URL came from, named in every error
 * @param hosts one or more hosts, tried in order by pgjdbc
 * @param database the database name, percent-decoded
 * @param user the user name, or {@code null} when the URL has none
 * @param password the password, or {@code null} when the URL has none
 * @param parameters the query parameters in URL order, without {@code user} and {@code password}
 */
record PostgresUrl(
        String variable,
        List<HostPort> hosts,
        String database,
        String user,
        String password,
        Map<String, String> parameters) {

    static final int DEFAULT_PORT = 5432;

    private static final String SCHEMES = "postgresql://, postgres:// or jdbc:postgresql://";
    private static final Set<String> SUPPORTED_SCHEMES = Set.of("postgresql", "postgres", "jdbc:postgresql");
    private static final Pattern ECHOABLE_SCHEME =
            Pattern.compile("[a-z][a-z0-9+.-]{0,19}|jdbc:[a-z][a-z0-9+.-]{0,19}");
    private static final Pattern ECHOABLE_VALUE = Pattern.compile("[A-Za-z0-9_-]{1,20}");
    private static final String PASSWORD_HINT =
            "; if the password contains '/' or '?', percent-encode them as %2F and %3F";

    private static final String SSLMODE = "sslmode";
    private static final String TARGET_SESSION_ATTRS = "target_session_attrs";
    private static final String PGBOUNCER = "pgbouncer";
    private static final String MASK = "****";

    /** libpq parameter names that pgjdbc spells differently. */
    private static final Map<String, String> DRIVER_NAMES = Map.of(
            "application_name",
            "ApplicationName",
            "connect_timeout",
            "connectTimeout",
            "channel_binding",
            "channelBinding",
            "gssencmode",
            "gssEncMode",
            TARGET_SESSION_ATTRS,
            "targetServerType");

    private static final Map<String, String> TARGET_SERVER_TYPES = Map.of(
            "any", "any",
            "read-write", "primary",
            "primary", "primary",
            "read-only", "secondary",
            "standby", "secondary",
            "prefer-standby", "preferSecondary");
    private static final String TARGET_SESSION_ATTRS_ALLOWED =
            "any, read-write, primary, read-only, standby, prefer-standby";

    /** A host and its port; IPv6 addresses are kept without their brackets. */
    record HostPort(String host, int port) {

        HostPort {
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("host is empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port is outside 1..65535");
            }
        }

        /** {@code host:port}, with an IPv6 address in brackets as URLs need it. */
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    PostgresUrl {
        Objects.requireNonNull(variable, "variable");
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new InvalidSettingException(variable, "missing host");
        }
        if (database == null || database.isBlank()) {
            throw new InvalidSettingException(variable, "missing database name");
        }
        // An empty user or password means the same to the server as none, and is simpler to handle.
        user = user == null || user.isEmpty() ? null : user;
        password = password == null || password.isEmpty() ? null : password;
        Map<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((name, value) -> copy.put(Objects.requireNonNull(name), Objects.requireNonNull(value)));
        if (copy.containsKey("user") || copy.containsKey("password")) {
            throw new IllegalArgumentException("user and password are components, not parameters");
        }
        parameters = Collections.unmodifiableMap(copy);
        // Checked here rather than in parse so that copies made with withParameter are checked too.
        if (parameters.containsKey(SSLMODE)) {
            SslMode.parse(variable, parameters.get(SSLMODE));
        }
        if (parameters.containsKey(TARGET_SESSION_ATTRS)) {
            targetServerType(variable, parameters.get(TARGET_SESSION_ATTRS));
        }
    }

    /**
     * Parses a connection URL.
     *
     * @param variable the name of the setting, such as {@code DATABASE_URL}, used in error messages
     * @param raw the value of the setting
     * @throws InvalidSettingException if the URL cannot be used; the message holds no secret
     */
    static PostgresUrl parse(String variable, String raw) {
        Objects.requireNonNull(variable, "variable");
        if (raw == null || raw.isBlank()) {
            throw new InvalidSettingException(
                    variable, "is empty; set it to a PostgreSQL URL such as postgresql://host:5432/database");
        }
        String rest = withoutScheme(variable, unquote(raw.strip()));

        // The authority ends at the first '/' or '?': the password may hold '@' but not those two.
        int authorityEnd = indexOfAny(rest, "/?");
        String authority = rest.substring(0, authorityEnd);
        String tail = rest.substring(authorityEnd);
        // An '@' further on means the password was probably cut short by an unencoded '/' or '?'.
        String hint = tail.indexOf('@') >= 0 ? PASSWORD_HINT : "";

        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = decode(variable, colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
            password = colon < 0 ? null : decode(variable, userInfo.substring(colon + 1), "password");
        }
        List<HostPort> hosts = parseHosts(variable, authority.substring(at + 1), hint);

        int query = tail.indexOf('?');
        String database = parseDatabase(variable, query < 0 ? tail : tail.substring(0, query), hint);
        Map<String, String> parameters = parseQuery(variable, query < 0 ? "" : tail.substring(query + 1));

        // jdbc URLs carry the credentials as parameters; like libpq, a parameter beats the userinfo.
        String userParameter = parameters.remove("user");
        String passwordParameter = parameters.remove("password");
        return new PostgresUrl(
                variable,
                hosts,
                database,
                userParameter != null ? userParameter : user,
                passwordParameter != null ? passwordParameter : password,
                parameters);
    }

    /** {@code jdbc:postgresql://host:port[,host2:port2]/database}, without credentials or parameters. */
    String jdbcUrl() {
        return "jdbc:postgresql://" + hostList() + "/" + encode(database, "");
    }

    /** The pgjdbc connection properties: the parameters under pgjdbc's names, plus user and password. */
    Properties driverProperties() {
        Properties properties = new Properties();
        parameters.forEach((name, value) -> {
            if (name.equals(PGBOUNCER)) {
                return; // dqms' own flag, not a driver setting
            }
            String driverValue = value;
            if (name.equals(SSLMODE)) {
                driverValue = sslMode().value();
            } else if (name.equals(TARGET_SESSION_ATTRS)) {
                driverValue = targetServerType(variable, value);
            }
            properties.setProperty(DRIVER_NAMES.getOrDefault(name, name), driverValue);
        });
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /** The URL with the password and any password parameter replaced by {@code ****}, fit for logs. */
    String redacted() {
        StringBuilder out = new StringBuilder("postgresql://");
        if (user != null || password != null) {
            out.append(user == null ? "" : encode(user, ""));
            out.append(password == null ? "" : ":" + MASK);
            out.append('@');
        }
        out.append(hostList()).append('/').append(encode(database, ""));
        char separator = '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            boolean secret = name.toLowerCase(Locale.ROOT).contains("password");
            out.append(separator).append(encode(name, "")).append('=');
            out.append(secret ? MASK : encode(parameter.getValue(), "/:@,"));
            separator = '&';
        }
        return out.toString();
    }

    /** The {@code sslmode} parameter, or pgjdbc's default {@link SslMode#PREFER} when there is none. */
    SslMode sslMode() {
        String value = parameters.get(SSLMODE);
        return value == null ? SslMode.PREFER : SslMode.parse(variable, value);
    }

    boolean sslModeGiven() {
        return parameters.containsKey(SSLMODE);
    }

    Optional<String> sslRootCert() {
        return parameter("sslrootcert");
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** Whether the URL says {@code pgbouncer=true}, Supabase's way to mark its transaction pooler. */
    boolean pgbouncerFlag() {
        return parameter(PGBOUNCER).filter("true"::equalsIgnoreCase).isPresent();
    }

    /**
     * Whether the URL probably points at a transaction-mode pooler (Supabase, Neon), where
     * server-side prepared statements and session state do not survive between transactions.
     */
    boolean looksLikeTransactionPooler() {
        return pgbouncerFlag()
                || hosts.stream().anyMatch(hostPort -> {
                    String host = hostPort.host().toLowerCase(Locale.ROOT);
                    return hostPort.port() == 6543 || host.contains("-pooler") || host.endsWith("pooler.supabase.com");
                });
    }

    /**
     * Whether the URL is a transaction pooler beyond doubt: {@code pgbouncer=true}, port 6543, or
     * Neon's pooled endpoint, which is always PgBouncer in transaction mode. Other pooler hosts may
     * run in session mode (Supabase's pooler on port 5432).
     */
    boolean certainlyTransactionPooler() {
        return pgbouncerFlag() || hosts.stream().anyMatch(host -> host.port() == 6543) || namesNeonPooler();
    }

    /**
     * Whether a host is Neon's pooled endpoint: {@code ep-<name>-<id>-pooler.<region>.aws.neon.tech},
     * or the same endpoint under the domain of Vercel Postgres, which Neon runs ({@code
     * ep-<name>-<id>-pooler.<region>.postgres.vercel-storage.com}).
     */
    boolean namesNeonPooler() {
        return hosts.stream().anyMatch(hostPort -> {
            String host = hostPort.host().toLowerCase(Locale.ROOT);
            int firstDot = host.indexOf('.');
            return firstDot > 0
                    && host.substring(0, firstDot).endsWith("-pooler")
                    && (host.endsWith(".neon.tech") || host.endsWith(".postgres.vercel-storage.com"));
        });
    }

    PostgresUrl withPassword(String password) {
        return new PostgresUrl(variable, hosts, database, user, password, parameters);
    }

    PostgresUrl withUser(String user) {
        return new PostgresUrl(variable, hosts, database, user, password, parameters);
    }

    /** A copy with the parameter set, or removed when {@code value} is null. */
    PostgresUrl withParameter(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new InvalidSettingException(variable, "a query parameter needs a name");
        }
        if (name.equals("user")) {
            return withUser(value);
        }
        if (name.equals("password")) {
            return withPassword(value);
        }
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new PostgresUrl(variable, hosts, database, user, password, copy);
    }

    /** The redacted URL, so that logging this object cannot leak the password. */
    @Override
    public String toString() {
        return redacted();
    }

    private String hostList() {
        return hosts.stream().map(HostPort::toString).collect(Collectors.joining(","));
    }

    // Env files and some consoles keep the quotes around a value; no URL starts with one.
    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1).strip();
            }
        }
        return value;
    }

    private static String withoutScheme(String variable, String url) {
        int separator = url.indexOf("://");
        if (separator < 0) {
            throw new InvalidSettingException(variable, "is not a PostgreSQL URL; it must start with " + SCHEMES);
        }
        String scheme = url.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!SUPPORTED_SCHEMES.contains(scheme)) {
            // Whatever precedes "://" is shown only if it looks like a scheme, as it may be a secret.
            String shown = ECHOABLE_SCHEME.matcher(scheme).matches() ? " '" + scheme + "'" : "";
            throw new InvalidSettingException(variable, "unsupported scheme" + shown + " (use " + SCHEMES + ")");
        }
        return url.substring(separator + 3);
    }

    private static List<HostPort> parseHosts(String variable, String text, String hint) {
        List<HostPort> hosts = new ArrayList<>();
        for (String hostPort : text.split(",", -1)) {
            hosts.add(parseHost(variable, hostPort, hint));
        }
        return hosts;
    }

    private static HostPort parseHost(String variable, String text, String hint) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new InvalidSettingException(variable, "IPv6 address is missing its closing ']'" + hint);
            }
            host = text.substring(1, close);
            if (!isIpv6Address(host)) {
                throw new InvalidSettingException(variable, "invalid IPv6 address between '[' and ']'" + hint);
            }
            String after = text.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new InvalidSettingException(
                        variable, "unexpected characters after an IPv6 address; expected ':' and a port" + hint);
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
            if (host.isEmpty()) {
                throw new InvalidSettingException(
                        variable, "missing host; expected postgresql://host:5432/database" + hint);
            }
            if (!host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                throw new InvalidSettingException(
                        variable,
                        "host name may only contain letters, digits, '.', '-' and '_'"
                                + " (put an IPv6 address in brackets)" + hint);
            }
            if (port != null && port.indexOf(':') >= 0) {
                throw new InvalidSettingException(
                        variable, "a host has more than one ':'; write an IPv6 address in brackets, like [::1]:5432");
            }
        }
        return new HostPort(host, port == null ? DEFAULT_PORT : parsePort(variable, port, hint));
    }

    private static boolean isIpv6Address(String text) {
        return text.indexOf(':') >= 0
                && text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0 && c < 128);
    }

    // The port text is never shown: when the password holds an unencoded '/', it lands here.
    private static int parsePort(String variable, String text, String hint) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidSettingException(variable, "port is not a number" + hint);
        }
        BigInteger port = new BigInteger(text);
        if (port.signum() <= 0 || port.compareTo(BigInteger.valueOf(65535)) > 0) {
            throw new InvalidSettingException(variable, "port is outside 1..65535" + hint);
        }
        return port.intValue();
    }

    private static String parseDatabase(String variable, String path, String hint) {
        if (path.length() <= 1) {
            throw new InvalidSettingException(
                    variable, "missing database name; expected postgresql://host:5432/database" + hint);
        }
        String database = path.substring(1);
        if (database.indexOf('/') >= 0 || database.indexOf('@') >= 0) {
            throw new InvalidSettingException(variable, "the database name contains an unencoded '/' or '@'" + hint);
        }
        database = decode(variable, database, "database name");
        if (database.isBlank()) {
            throw new InvalidSettingException(variable, "missing database name");
        }
        return database;
    }

    private static Map<String, String> parseQuery(String variable, String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        boolean afterPassword = false;
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue; // "a=1&&b=2" and a trailing '&' are harmless
            }
            // Rejected rather than read as a flag: it is often a password cut at an unencoded '&'.
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new InvalidSettingException(
                        variable, "a query parameter has no '='; expected name=value pairs separated by '&'");
            }
            String name = decode(variable, pair.substring(0, equals), "name of a query parameter");
            if (name.isEmpty()) {
                throw new InvalidSettingException(variable, "a query parameter has an empty name");
            }
            // After password=, a name no driver knows is most likely the rest of a password cut at
            // an unencoded '&': refused without naming it, so that it reaches no log.
            if (afterPassword && !knownParameter(name)) {
                throw new InvalidSettingException(
                        variable,
                        "a query parameter after password= is not a connection parameter; write '&' in a password"
                                + " as %26");
            }
            afterPassword |= name.equals("password");
            String what = name.equals("password")
                    ? "password"
                    : name.equals("user") ? "user name" : "value of a query parameter";
            parameters.put(name, decode(variable, pair.substring(equals + 1), what));
        }
        return parameters;
    }

    /** A parameter of libpq that dqms translates, dqms' own flag, or a connection property of pgjdbc. */
    private static boolean knownParameter(String name) {
        return DRIVER_NAMES.containsKey(name)
                || name.equals(SSLMODE)
                || name.equals(PGBOUNCER)
                || name.equals("user")
                || PGProperty.forName(name) != null;
    }

    private static String targetServerType(String variable, String value) {
        String type = TARGET_SERVER_TYPES.get(value.toLowerCase(Locale.ROOT));
        if (type == null) {
            String shown = ECHOABLE_VALUE.matcher(value).matches() ? " '" + value + "'" : "";
            throw new InvalidSettingException(
                    variable,
                    "unknown " + TARGET_SESSION_ATTRS + shown + " (allowed: " + TARGET_SESSION_ATTRS_ALLOWED + ")");
        }
        return type;
    }

    /** Percent-decodes as UTF-8; unlike form decoding, a '+' stays a '+'. */
    private static String decode(String variable, String text, String what) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '%') {
                out.append(text.charAt(i++));
                continue;
            }
            // Consecutive escapes are decoded together: one character may take several bytes.
            bytes.reset();
            while (i < text.length() && text.charAt(i) == '%') {
                int high = i + 2 < text.length() ? hexValue(text.charAt(i + 1)) : -1;
                int low = i + 2 < text.length() ? hexValue(text.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    throw new InvalidSettingException(
                            variable,
                            "malformed percent-encoding in the " + what
                                    + ": '%' must be followed by two hex digits (write a literal '%' as %25)");
                }
                bytes.write(high << 4 | low);
                i += 3;
            }
            try {
                out.append(StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes.toByteArray())));
            } catch (CharacterCodingException e) {
                throw new InvalidSettingException(
                        variable, "percent-encoded bytes in the " + what + " are not valid UTF-8");
            }
        }
        return out.toString();
    }

    // Character.digit would also accept non-ASCII digits, which are not valid in an escape.
    private static int hexValue(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    /** Percent-encodes all but the unreserved characters and {@code alsoSafe}, so any decoder reads it back. */
    private static String encode(String text, String alsoSafe) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~';
            if (unreserved || alsoSafe.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
