package org.dqms.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PgBouncer in transaction pool mode in front of a {@link TestPostgres}, standing in for a
 * cloud pooler (Supabase's port 6543, Neon's -pooler host). It needs the {@code pgbouncer} binary
 * (Debian: {@code apt-get install pgbouncer}); without it the test fails rather than being skipped.
 */
public final class PgBouncer implements AutoCloseable {

    private static final Path DEBIAN_BINARY = Path.of("/usr/sbin/pgbouncer");
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(15);
    private static final int ATTEMPTS = 3;
    // PgBouncer refuses to run as root; as root we hand it to this user.
    private static final String UNPRIVILEGED_USER = "nobody";
    // May run SHOW commands on the admin console; PgBouncer knows it, PostgreSQL does not.
    private static final String STATS_USER = "dqms_test_pgbouncer_stats";

    private final Process process;
    private final Path directory;
    private final int port;
    private final String statsPassword;

    private PgBouncer(Process process, Path directory, int port, String statsPassword) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.statsPassword = statsPassword;
    }

    /**
     * Starts PgBouncer on a free loopback port for {@code database} on {@code 127.0.0.1:postgresPort}.
     * The users log in with SCRAM and PgBouncer logs in to PostgreSQL with the same passwords.
     */
    public static PgBouncer start(int postgresPort, String database, Map<String, String> userPasswords) {
        return start(postgresPort, database, userPasswords, Optional.empty());
    }

    /**
     * A pooler that terminates TLS itself, as cloud poolers do: its clients must use TLS
     * ({@code client_tls_sslmode=require}) with {@code clientTls}' certificate, while its own
     * connections to PostgreSQL are plain ({@code server_tls_sslmode=disable}). The admin console
     * ({@link #show}) speaks no TLS, so it does not work on such a pooler.
     */
    public static PgBouncer startTerminatingTls(
            int postgresPort, String database, Map<String, String> userPasswords, ClientTls clientTls) {
        return start(postgresPort, database, userPasswords, Optional.of(clientTls));
    }

    /** The certificate and private key PgBouncer shows its clients, as PEM files. */
    public record ClientTls(Path certificate, Path privateKey) {}

    private static PgBouncer start(
            int postgresPort, String database, Map<String, String> userPasswords, Optional<ClientTls> clientTls) {
        if (userPasswords.isEmpty() || userPasswords.containsKey(STATS_USER)) {
            throw new IllegalArgumentException("PgBouncer needs at least one user, other than " + STATS_USER);
        }
        Path binary = binary().orElseThrow(
                        () -> new IllegalStateException("pgbouncer is not installed: apt-get install pgbouncer"));
        IllegalStateException failure = null;
        // The free port may be taken between the probe and PgBouncer's bind; then try another.
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String statsPassword = UUID.randomUUID().toString();
            Setup setup = prepare(postgresPort, database, userPasswords, statsPassword, clientTls);
            try {
                return launch(binary, setup, statsPassword);
            } catch (IllegalStateException e) {
                delete(setup.directory());
                failure = e;
                if (!e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
        throw failure;
    }

    public int port() {
        return port;
    }

    /**
     * The admin console's {@code SHOW STATS} row for {@code database}: total_query_count,
     * total_xact_count and the other totals, by column name.
     */
    public Map<String, Long> stats(String database) {
        for (Map<String, String> row : show("STATS")) {
            if (database.equals(row.get("database"))) {
                Map<String, Long> totals = new LinkedHashMap<>();
                row.forEach((name, value) -> {
                    if (!name.equals("database")) {
                        totals.put(name, Long.parseLong(value));
                    }
                });
                return totals;
            }
        }
        throw new IllegalStateException("SHOW STATS has no row for " + database + "; PgBouncer's log:\n" + log());
    }

    /**
     * Runs {@code SHOW what} ({@code STATS}, {@code POOLS}, {@code CLIENTS}, ...) on the admin
     * console and returns its rows as column name to text value. pgjdbc cannot be used there: it
     * sends {@code SET extra_float_digits}, which the console of PgBouncer 1.18 refuses.
     */
    public List<Map<String, String>> show(String what) {
        try {
            return AdminConsole.query(port, STATS_USER, statsPassword, "SHOW " + what);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "SHOW " + what + " failed: " + e.getMessage() + "; PgBouncer's log:\n" + log(), e);
        }
    }

    /** What PgBouncer has logged so far. */
    public String log() {
        return readLog(directory);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            delete(directory);
        }
    }

    private static Optional<Path> binary() {
        if (Files.isExecutable(DEBIAN_BINARY)) {
            return Optional.of(DEBIAN_BINARY);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "pgbouncer"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The directory with pgbouncer.ini, its userlist, hba file and log, and the port it names. */
    private record Setup(Path directory, int port) {}

    private static Setup prepare(
            int postgresPort,
            String database,
            Map<String, String> userPasswords,
            String statsPassword,
            Optional<ClientTls> clientTls) {
        try {
            Path directory = Files.createTempDirectory("dqms-pgbouncer-");
            int port = freePort();
            String ini = """
                    [databases]
                    %s = host=127.0.0.1 port=%d dbname=%s

                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %d
                    unix_socket_dir =
                    pool_mode = transaction
                    auth_type = hba
                    auth_hba_file = %s
                    auth_file = %s
                    stats_users = %s
                    max_client_conn = 200
                    default_pool_size = 4
                    min_pool_size = 0
                    reserve_pool_size = 0
                    server_round_robin = 1
                    ignore_startup_parameters = extra_float_digits
                    stats_period = 1
                    log_stats = 0
                    logfile = %s
                    pidfile = %s
                    """.formatted(
                                    database,
                                    postgresPort,
                                    database,
                                    port,
                                    directory.resolve("hba.conf"),
                                    directory.resolve("userlist.txt"),
                                    STATS_USER,
                                    directory.resolve("pgbouncer.log"),
                                    directory.resolve("pgbouncer.pid"))
                    + clientTls.map(tls -> tlsSettings(directory, tls)).orElse("");
            // The application's users get SCRAM, as from a cloud pooler. The stats user sends its
            // password in clear text, which the small admin console client below can answer.
            String hba = """
                    host pgbouncer %s 127.0.0.1/32 password
                    host %s all 127.0.0.1/32 scram-sha-256
                    """.formatted(STATS_USER, database);
            Map<String, String> users = new LinkedHashMap<>(userPasswords);
            users.put(STATS_USER, statsPassword);
            StringBuilder userlist = new StringBuilder();
            users.forEach((user, password) -> userlist.append(quote(user))
                    .append(' ')
                    .append(quote(password))
                    .append('\n'));
            Files.writeString(directory.resolve("pgbouncer.ini"), ini, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("hba.conf"), hba, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("userlist.txt"), userlist, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("pgbouncer.log"), "", StandardCharsets.UTF_8);
            if (runningAsRoot()) {
                UserPrincipal owner = directory
                        .getFileSystem()
                        .getUserPrincipalLookupService()
                        .lookupPrincipalByName(UNPRIVILEGED_USER);
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        Files.setOwner(file, owner);
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    }
                }
                Files.setOwner(directory, owner);
            }
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            return new Setup(directory, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the certificate and key in, where PgBouncer's user can read them. */
    private static String tlsSettings(Path directory, ClientTls tls) {
        try {
            Path certificate = Files.copy(tls.certificate(), directory.resolve("client-tls.crt"));
            Path key = Files.copy(tls.privateKey(), directory.resolve("client-tls.key"));
            return """
                    client_tls_sslmode = require
                    client_tls_cert_file = %s
                    client_tls_key_file = %s
                    server_tls_sslmode = disable
                    """.formatted(certificate, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PgBouncer launch(Path binary, Setup setup, String statsPassword) {
        Path directory = setup.directory();
        int port = setup.port();
        ProcessBuilder builder = runningAsRoot()
                ? new ProcessBuilder(
                        binary.toString(),
                        "-u",
                        UNPRIVILEGED_USER,
                        directory.resolve("pgbouncer.ini").toString())
                : new ProcessBuilder(
                        binary.toString(), directory.resolve("pgbouncer.ini").toString());
        // PgBouncer also logs to stderr when it runs in the foreground; the log file has it all.
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        }
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited with status " + process.exitValue()
                        + " before accepting connections; its log:\n" + readLog(directory));
            }
            if (accepts(port)) {
                return new PgBouncer(process, directory, port, statsPassword);
            }
            sleep(Duration.ofMillis(50));
        }
        process.destroyForcibly();
        throw new IllegalStateException("pgbouncer did not accept connections on 127.0.0.1:" + port + " within "
                + STARTUP_WAIT.toSeconds() + "s; its log:\n" + readLog(directory));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String quote(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String readLog(Path directory) {
        try {
            return Files.readString(directory.resolve("pgbouncer.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pgbouncer", e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }

    /** Just enough of the PostgreSQL wire protocol (v3, simple query) for the admin console. */
    private static final class AdminConsole {

        private static final int PROTOCOL_3 = 196608;
        private static final int AUTH_OK = 0;
        private static final int AUTH_CLEARTEXT = 3;

        static List<Map<String, String>> query(int port, String user, String password, String sql) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(10_000);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));

                byte[] parameters = cstrings("user", user, "database", "pgbouncer", "");
                out.writeInt(8 + parameters.length);
                out.writeInt(PROTOCOL_3);
                out.write(parameters);
                out.flush();
                awaitReady(in, out, password);

                send(out, 'Q', cstrings(sql));
                List<String> columns = new ArrayList<>();
                List<Map<String, String>> rows = new ArrayList<>();
                while (true) {
                    char type = (char) in.readUnsignedByte();
                    DataInputStream body = body(in);
                    switch (type) {
                        case 'T' -> {
                            int count = body.readUnsignedShort();
                            for (int i = 0; i < count; i++) {
                                columns.add(cstring(body));
                                body.skipBytes(18); // table, column, type, size, modifier, format
                            }
                        }
                        case 'D' -> {
                            int count = body.readUnsignedShort();
                            Map<String, String> row = new LinkedHashMap<>();
                            for (int i = 0; i < count; i++) {
                                int length = body.readInt();
                                row.put(
                                        columns.get(i),
                                        length < 0
                                                ? null
                                                : new String(body.readNBytes(length), StandardCharsets.UTF_8));
                            }
                            rows.add(row);
                        }
                        case 'E' -> throw new IOException(error(body));
                        case 'Z' -> {
                            send(out, 'X', new byte[0]);
                            return rows;
                        }
                        default -> {
                            // CommandComplete, notices and parameter status carry nothing we need.
                        }
                    }
                }
            }
        }

        private static void awaitReady(DataInputStream in, DataOutputStream out, String password) throws IOException {
            while (true) {
                char type = (char) in.readUnsignedByte();
                DataInputStream body = body(in);
                switch (type) {
                    case 'R' -> {
                        int method = body.readInt();
                        if (method == AUTH_CLEARTEXT) {
                            send(out, 'p', cstrings(password));
                        } else if (method != AUTH_OK) {
                            throw new IOException("unsupported authentication method " + method);
                        }
                    }
                    case 'E' -> throw new IOException(error(body));
                    case 'Z' -> {
                        return;
                    }
                    default -> {
                        // ParameterStatus and BackendKeyData
                    }
                }
            }
        }

        private static DataInputStream body(DataInputStream in) throws IOException {
            int length = in.readInt();
            return new DataInputStream(new ByteArrayInputStream(in.readNBytes(length - 4)));
        }

        private static void send(DataOutputStream out, char type, byte[] body) throws IOException {
            out.writeByte(type);
            out.writeInt(4 + body.length);
            out.write(body);
            out.flush();
        }

        private static String error(DataInputStream body) throws IOException {
            StringBuilder message = new StringBuilder();
            for (int field = body.read(); field > 0; field = body.read()) {
                String value = cstring(body);
                if (field == 'M') {
                    message.append(value);
                }
            }
            return "PgBouncer answered: " + message;
        }

        private static byte[] cstrings(String... values) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (String value : values) {
                bytes.writeBytes(value.getBytes(StandardCharsets.UTF_8));
                bytes.write(0);
            }
            return bytes.toByteArray();
        }

        private static String cstring(DataInputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int b = in.read(); b > 0; b = in.read()) {
                bytes.write(b);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
