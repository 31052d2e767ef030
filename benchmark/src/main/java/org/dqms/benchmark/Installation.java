package org.dqms.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dqms installed on the benchmark's database the way DATABASE.md describes for production: the
 * least-privilege roles ({@code db roles}), the schema ({@code migrate}), then the server as
 * {@code dqms_app} with the production pool size, a JWT secret of its own and a first administrator.
 */
final class Installation {

    static final String ADMIN_EMAIL = "admin@bench.dqms.example";

    /** The production default of DATABASE_POOL_SIZE (README, Configuration). */
    static final int POOL_SIZE = 10;

    private final Options options;
    private final Database database;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final String adminPassword = Seeder.password();

    Installation(Options options, Database database) {
        this.options = options;
        this.database = database;
    }

    /** Applies the role layout and the migrations; the server does not migrate on start. */
    void install() throws Exception {
        Path secrets = options.workDir().resolve("secrets");
        Files.createDirectories(secrets);
        String migrator = Seeder.password();
        String app = Seeder.password();
        String readonly = Seeder.password();
        AppProcess.writeSecretFile(secrets.resolve("migrator"), migrator);
        AppProcess.writeSecretFile(secrets.resolve("app"), app);
        AppProcess.writeSecretFile(secrets.resolve("readonly"), readonly);
        AppProcess.writeSecretFile(secrets.resolve("admin"), adminPassword);
        Path log = options.workDir().resolve("dqms-commands.log");

        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("DIRECT_DATABASE_URL", database.adminUrl());
        roles.put("DATABASE_URL", database.urlFor("dqms_app", app));
        roles.put("DQMS_SECRETS_DIR", secrets.resolve("none/").toString() + "/");
        AppProcess.command(
                options,
                roles,
                log,
                "db",
                "roles",
                "--migrator-password-file",
                secrets.resolve("migrator").toString(),
                "--app-password-file",
                secrets.resolve("app").toString(),
                "--readonly-password-file",
                secrets.resolve("readonly").toString());

        environment.put("DATABASE_URL", database.urlFor("dqms_app", app));
        environment.put("DIRECT_DATABASE_URL", database.urlFor("dqms_migrator", migrator));
        environment.put("DQMS_SECRETS_DIR", secrets.resolve("none/").toString() + "/");
        AppProcess.command(options, environment, log, "migrate");

        environment.put("DATABASE_POOL_SIZE", Integer.toString(POOL_SIZE));
        environment.put("DQMS_MIGRATE_ON_START", "false");
        environment.put("DQMS_DATA_DIR", options.workDir().resolve("app-data").toString());
        environment.put("DQMS_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        environment.put(
                "DQMS_BOOTSTRAP_ADMIN_PASSWORD_FILE", secrets.resolve("admin").toString());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        environment.put("DQMS_JWT_SECRET", Base64.getEncoder().encodeToString(key));
        // Staff sessions outlast the run; the signed-in doctors never need to refresh.
        environment.put("DQMS_ACCESS_TOKEN_TTL", "6h");
        // All load comes from one machine: the limits that protect sign-in and join from abuse would
        // otherwise answer 429 to the load itself. The counters are still written on every request.
        environment.put("DQMS_RATE_LIMIT_SIGN_IN_PER_IP", "1000000");
        environment.put("DQMS_RATE_LIMIT_JOIN_PER_IP", "1000000000");
        environment.put("DQMS_RATE_LIMIT_JOIN_PER_PHONE", "1000");
        // The fan-out's 10,000 streams, too, come from one address.
        environment.put("DQMS_LIVE_MAX_STREAMS_PER_CLIENT", "1000000");
        // Experiments: BENCH_APP_ENV sets or overrides any of these (the report names them).
        environment.putAll(options.appEnvironment());
    }

    /** Starts the server on the installed database and waits until it is ready. */
    AppProcess start(String logName) throws Exception {
        List<String> jvm = new java.util.ArrayList<>();
        if (options.jfr()) {
            // Whole request stacks: the default depth of 64 frames cuts them off above the filters.
            jvm.add("-XX:FlightRecorderOptions=stackdepth=512");
            jvm.add("-XX:StartFlightRecording=filename="
                    + options.workDir().resolve("dqms.jfr")
                    // A sample every 2 ms: a short step still gives thousands of request stacks.
                    + ",settings=profile,jdk.ExecutionSample#period=2ms,dumponexit=true");
        }
        AppProcess app = AppProcess.start(options, environment, options.workDir().resolve(logName), jvm);
        app.awaitReady(java.time.Duration.ofMinutes(3));
        return app;
    }

    String adminPassword() {
        return adminPassword;
    }
}
