package org.dqms.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The PostgreSQL that dqms and pgbench share: an embedded PostgreSQL 17 that the benchmark starts on
 * a fresh data directory (fsync and synchronous_commit on, pg_stat_statements loaded), or the server of
 * BENCH_DATABASE_URL, which must name a superuser and an empty database.
 */
final class Database implements AutoCloseable {

    static final String NAME = "dqms";

    private final EmbeddedPostgres embedded;
    private final Path dataDirectory;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String name;
    private Connection admin;
    private boolean statements;

    private Database(
            EmbeddedPostgres embedded,
            Path dataDirectory,
            String host,
            int port,
            String user,
            String password,
            String name) {
        this.embedded = embedded;
        this.dataDirectory = dataDirectory;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    static Database start(Options options) throws Exception {
        if (!options.databaseUrl().isBlank()) {
            return connect(options.databaseUrl());
        }
        Path data = options.workDir().resolve("pgdata");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                // What production has: zonky starts PostgreSQL with fsync off (-F, overridden by this
                // later -c) and synchronous_commit off, so a commit would never wait for the disk.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.max", "2000")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .setServerConfig("track_io_timing", "on")
                .start();
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + NAME);
        }
        Database db = new Database(postgres, data, "localhost", postgres.getPort(), "postgres", "", NAME);
        db.init();
        return db;
    }

    /** The server of a URL that names a superuser and an empty database, as BENCH_DATABASE_URL does. */
    static Database connect(String url) throws Exception {
        // postgresql://user:password@host:port/db or jdbc:postgresql://host:port/db?user=..&password=..
        String rest = url.replaceFirst("^jdbc:", "").replaceFirst("^postgres(ql)?://", "");
        Map<String, String> query = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            rest = rest.substring(0, q);
        }
        String user = query.getOrDefault("user", "postgres");
        String password = query.getOrDefault("password", "");
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String credentials = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = credentials.indexOf(':');
            user = URLDecoder.decode(colon < 0 ? credentials : credentials.substring(0, colon), StandardCharsets.UTF_8);
            if (colon >= 0) {
                password = URLDecoder.decode(credentials.substring(colon + 1), StandardCharsets.UTF_8);
            }
        }
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "postgres" : rest.substring(slash + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 ? 5432 : Integer.parseInt(hostPort.substring(colon + 1));
        Database db = new Database(null, null, host, port, user, password, database);
        db.init();
        try (Statement s = db.admin().createStatement()) {
            // The server may default to something else; dqms' roles and pgbench's sessions inherit this.
            s.execute("ALTER DATABASE \"" + database + "\" SET synchronous_commit = on");
        }
        return db;
    }

    private void init() throws SQLException {
        try (Statement s = admin().createStatement();
                ResultSet r = s.executeQuery("SELECT current_setting('shared_preload_libraries') LIKE "
                        + "'%pg_stat_statements%' AND EXISTS (SELECT 1 FROM pg_available_extensions "
                        + "WHERE name = 'pg_stat_statements')")) {
            r.next();
            statements = r.getBoolean(1);
        }
        if (statements) {
            try (Statement s = admin().createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
        }
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String name() {
        return name;
    }

    boolean embedded() {
        return embedded != null;
    }

    /** Whether pg_stat_statements is loaded (the embedded database always has it). */
    boolean hasStatementStatistics() {
        return statements;
    }

    /** A URL for dqms: {@code postgresql://role:password@host:port/db}. */
    String urlFor(String role, String rolePassword) {
        return "postgresql://" + role + ":" + rolePassword + "@" + host + ":" + port + "/" + name;
    }

    /** The superuser's URL, for dqms' {@code db roles}. */
    String adminUrl() {
        return "postgresql://" + user + (password.isEmpty() ? "" : ":" + password) + "@" + host + ":" + port + "/"
                + name;
    }

    synchronized Connection admin() throws SQLException {
        if (admin == null || admin.isClosed()) {
            String url = "jdbc:postgresql://" + host + ":" + port + "/" + name + "?ApplicationName=dqms-benchmark";
            admin = DriverManager.getConnection(url, user, password);
            admin.setAutoCommit(true);
        }
        return admin;
    }

    String scalar(String sql) throws SQLException {
        synchronized (this) {
            try (Statement s = admin().createStatement();
                    ResultSet r = s.executeQuery(sql)) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    long number(String sql) throws SQLException {
        String value = scalar(sql);
        return value == null ? 0 : Long.parseLong(value);
    }

    void execute(String sql) throws SQLException {
        synchronized (this) {
            try (Statement s = admin().createStatement()) {
                s.execute(sql);
            }
        }
    }

    List<List<String>> rows(String sql) throws SQLException {
        synchronized (this) {
            try (Statement s = admin().createStatement();
                    ResultSet r = s.executeQuery(sql)) {
                int columns = r.getMetaData().getColumnCount();
                List<List<String>> rows = new ArrayList<>();
                while (r.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(r.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** Transactions committed in this database so far (pg_stat_database.xact_commit). */
    long commits() throws SQLException {
        return number("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
    }

    String version() throws SQLException {
        return scalar("SELECT current_setting('server_version')");
    }

    String setting(String name) throws SQLException {
        return scalar("SELECT current_setting('" + name + "')");
    }

    void resetStatementStatistics() throws SQLException {
        if (statements) {
            execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** The statements that took the most time since the last reset, for the profile in the report. */
    List<List<String>> topStatements(int limit) throws SQLException {
        if (!statements) {
            return List.of();
        }
        return rows("SELECT calls, round(total_exec_time::numeric, 0), round(mean_exec_time::numeric, 3), "
                + "plans, round(total_plan_time::numeric, 0), "
                + "regexp_replace(left(query, 160), '\\s+', ' ', 'g') FROM pg_stat_statements "
                + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "ORDER BY total_exec_time + total_plan_time DESC LIMIT " + limit);
    }

    /** CPU time of the server's processes, when it runs on this machine (the embedded one). */
    OptionalLong cpuMillis() {
        if (embedded == null) {
            return OptionalLong.empty();
        }
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(0)
                    .trim());
            return OptionalLong.of(Machine.treeCpuMillis(postmaster));
        } catch (Exception e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
