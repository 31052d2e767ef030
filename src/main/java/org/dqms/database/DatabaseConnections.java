package org.dqms.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.util.Properties;
import org.dqms.platform.InvalidSettingException;

/**
 * The process's connection pools: one for application traffic on the pooled URL, and a small one
 * on the direct URL for migrations and checks. Closing it closes the pools, then the embedded
 * database if dqms started one.
 */
final class DatabaseConnections implements AutoCloseable {

    static final String APP_NAME = "dqms-app";
    static final String MIGRATOR_NAME = "dqms-migrator";
    // Flyway holds up to three connections at once: its main one, the migration and the callbacks.
    static final int DIRECT_POOL_SIZE = 3;

    private final ConnectionTargets targets;
    private final HikariDataSource pooled;
    private final HikariDataSource direct;

    DatabaseConnections(ConnectionTargets targets, DatabaseSettings settings, boolean failFast) {
        this.targets = targets;
        HikariDataSource pooledPool = null;
        HikariDataSource directPool = null;
        try {
            pooledPool = open(ConnectionTargets.POOLED, targets.pooled(), pooledConfig(settings, failFast));
            if (targets.directProblem().isEmpty()) {
                directPool = open(ConnectionTargets.DIRECT, targets.direct(), directConfig(settings, failFast));
            }
        } catch (RuntimeException e) {
            closeQuietly(pooledPool);
            targets.embedded().ifPresent(EmbeddedPostgresServer::close);
            throw e;
        }
        this.pooled = pooledPool;
        this.direct = directPool;
    }

    HikariDataSource pooled() {
        return pooled;
    }

    /** The direct pool; refuses with the reason when the direct URL is unusable. */
    HikariDataSource direct() {
        targets.requireDirect();
        return direct;
    }

    ConnectionTargets targets() {
        return targets;
    }

    private static HikariConfig pooledConfig(DatabaseSettings settings, boolean failFast) {
        HikariConfig config = common(settings, failFast);
        config.setPoolName("dqms-pooled");
        config.setMaximumPoolSize(settings.poolSize());
        return config;
    }

    private static HikariConfig directConfig(DatabaseSettings settings, boolean failFast) {
        HikariConfig config = common(settings, failFast);
        config.setPoolName("dqms-direct");
        config.setMaximumPoolSize(DIRECT_POOL_SIZE);
        config.setMinimumIdle(0);
        config.setIdleTimeout(60_000);
        return config;
    }

    private static HikariConfig common(DatabaseSettings settings, boolean failFast) {
        HikariConfig config = new HikariConfig();
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setMaxLifetime(settings.maxLifetime().toMillis());
        config.setKeepaliveTime(settings.keepaliveTime().toMillis());
        config.setLeakDetectionThreshold(settings.leakDetectionThreshold().toMillis());
        // A server that cannot connect at start fails at once; a command reports the failure itself.
        config.setInitializationFailTimeout(failFast ? 1 : -1);
        return config;
    }

    private static HikariDataSource open(String variable, PostgresUrl url, HikariConfig config) {
        Properties properties = url.driverProperties();
        properties.remove("user");
        properties.remove("password");
        properties.setProperty(
                "ApplicationName", config.getPoolName().equals("dqms-pooled") ? APP_NAME : MIGRATOR_NAME);
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setDataSourceProperties(properties);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new InvalidSettingException(variable, "cannot connect to " + url.redacted() + " (" + reason(e) + ")");
        }
    }

    /** The driver's own words (they never contain the password), else the innermost cause. */
    private static String reason(Throwable e) {
        Throwable chosen = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            chosen = t;
            if (t instanceof java.sql.SQLException) {
                break;
            }
        }
        String message = chosen.getMessage();
        return message == null
                ? chosen.getClass().getSimpleName()
                : message.lines().findFirst().orElse("");
    }

    private static void closeQuietly(HikariDataSource source) {
        if (source != null) {
            source.close();
        }
    }

    @Override
    public void close() {
        closeQuietly(pooled);
        closeQuietly(direct);
        targets.embedded().ifPresent(EmbeddedPostgresServer::close);
    }
}
