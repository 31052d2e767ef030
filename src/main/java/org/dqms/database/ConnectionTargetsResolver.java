package org.dqms.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.dqms.platform.Deployment;
import org.dqms.platform.InvalidSettingException;
import org.dqms.platform.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the settings into connection targets, starting the embedded database when none is set. */
final class ConnectionTargetsResolver {

    private static final Logger log = LoggerFactory.getLogger(ConnectionTargetsResolver.class);

    private ConnectionTargetsResolver() {}

    static ConnectionTargets resolve(DatabaseSettings settings, Deployment deployment) {
        return resolve(settings, deployment, Optional.empty());
    }

    /** As above, taking the embedded database from {@code startedEarly} when it was started for this data directory. */
    static ConnectionTargets resolve(
            DatabaseSettings settings, Deployment deployment, Optional<EmbeddedStart> startedEarly) {
        Optional<String> pooledRaw = Secrets.read(ConnectionTargets.POOLED, settings.url(), settings.urlFile());
        if (pooledRaw.isEmpty()) {
            return embedded(settings, deployment, startedEarly);
        }
        Optional<String> caBundle = caBundle(settings);
        PostgresUrl pooled = PostgresUrl.parse(ConnectionTargets.POOLED, pooledRaw.get());
        pooled = withPassword(pooled, "DATABASE_PASSWORD", settings.password(), settings.passwordFile());
        pooled = withCaBundle(pooled, caBundle);
        pooled = forPooler(pooled, settings);

        Optional<String> directRaw =
                Secrets.read(ConnectionTargets.DIRECT, settings.directUrl(), settings.directUrlFile());
        if (directRaw.isEmpty()) {
            requireUnset(
                    "DIRECT_DATABASE_PASSWORD",
                    settings.directPassword(),
                    settings.directPasswordFile(),
                    ConnectionTargets.DIRECT);
            Optional<String> problem = pooled.looksLikeTransactionPooler()
                    ? Optional.of("not set, and DATABASE_URL " + poolerReason(pooled)
                            + ", which cannot run migrations or LISTEN; set DIRECT_DATABASE_URL to the direct"
                            + " (non-pooled) connection")
                    : Optional.empty();
            return new ConnectionTargets(pooled, pooled, problem, Optional.empty());
        }
        PostgresUrl direct = PostgresUrl.parse(ConnectionTargets.DIRECT, directRaw.get());
        direct = withPassword(
                direct, "DIRECT_DATABASE_PASSWORD", settings.directPassword(), settings.directPasswordFile());
        direct = withCaBundle(direct, caBundle);
        return new ConnectionTargets(pooled, direct, Optional.empty(), Optional.empty());
    }

    /** Whether the settings name no database at all, so the embedded one is meant (in development). */
    static boolean wantsEmbedded(DatabaseSettings settings) {
        return Stream.of(
                        settings.url(),
                        settings.urlFile(),
                        settings.password(),
                        settings.passwordFile(),
                        settings.directUrl(),
                        settings.directUrlFile(),
                        settings.directPassword(),
                        settings.directPasswordFile())
                .allMatch(value -> value == null || value.isBlank());
    }

    private static ConnectionTargets embedded(
            DatabaseSettings settings, Deployment deployment, Optional<EmbeddedStart> startedEarly) {
        if (deployment.production()) {
            throw new InvalidSettingException(
                    ConnectionTargets.POOLED,
                    "not set; production mode needs an external PostgreSQL (the embedded database is for"
                            + " development only)");
        }
        requireUnset(
                ConnectionTargets.DIRECT, settings.directUrl(), settings.directUrlFile(), ConnectionTargets.POOLED);
        requireUnset("DATABASE_PASSWORD", settings.password(), settings.passwordFile(), ConnectionTargets.POOLED);
        requireUnset(
                "DIRECT_DATABASE_PASSWORD",
                settings.directPassword(),
                settings.directPasswordFile(),
                ConnectionTargets.POOLED);
        EmbeddedPostgresServer server = startedEarly
                .flatMap(start -> start.take(deployment.dataDir()))
                .orElseGet(() -> EmbeddedPostgresServer.start(deployment.dataDir()));
        return new ConnectionTargets(
                server.url(RoleLayout.APP), server.url(RoleLayout.MIGRATOR), Optional.empty(), Optional.of(server));
    }

    /** A setting that means nothing without another is refused rather than ignored. */
    private static void requireUnset(String name, String value, String file, String needed) {
        boolean set = (value != null && !value.isBlank()) || (file != null && !file.isBlank());
        if (set) {
            boolean viaFile = value == null || value.isBlank();
            throw new InvalidSettingException(
                    viaFile ? name + "_FILE" : name, "is set but " + needed + " is not; set both or neither");
        }
    }

    private static PostgresUrl withPassword(PostgresUrl url, String variable, String value, String file) {
        return Secrets.read(variable, value, file).map(url::withPassword).orElse(url);
    }

    private static Optional<String> caBundle(DatabaseSettings settings) {
        String file = settings.sslRootCertFile();
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        if (!Files.isReadable(Path.of(file.strip()))) {
            throw new InvalidSettingException("DATABASE_SSLROOTCERT_FILE", "cannot read " + file.strip());
        }
        return Optional.of(file.strip());
    }

    private static PostgresUrl withCaBundle(PostgresUrl url, Optional<String> caBundle) {
        if (caBundle.isEmpty() || url.sslRootCert().isPresent()) {
            return url;
        }
        return url.withParameter("sslrootcert", caBundle.get());
    }

    /**
     * Transaction poolers (PgBouncer before 1.21, Supavisor, RDS Proxy in transaction mode) cannot
     * keep server-side prepared statements, so pgjdbc must not create them.
     */
    private static PostgresUrl forPooler(PostgresUrl pooled, DatabaseSettings settings) {
        if (settings.prepareThreshold() != null) {
            return pooled.withParameter(
                    "prepareThreshold", settings.prepareThreshold().toString());
        }
        if (pooled.looksLikeTransactionPooler()
                && pooled.parameter("prepareThreshold").isEmpty()) {
            log.info("DATABASE_URL {}: server-side prepared statements off (prepareThreshold=0)", poolerReason(pooled));
            return pooled.withParameter("prepareThreshold", "0");
        }
        return pooled;
    }

    static String poolerReason(PostgresUrl url) {
        if (url.pgbouncerFlag()) {
            return "says pgbouncer=true";
        }
        if (url.hosts().stream().anyMatch(h -> h.port() == 6543)) {
            return "uses port 6543, a transaction pooler's port";
        }
        if (url.namesNeonPooler()) {
            return "names Neon's pooler host (-pooler), which is PgBouncer in transaction mode";
        }
        return "names a pooler host";
    }
}
