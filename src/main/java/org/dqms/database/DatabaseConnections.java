package org.dqms.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.dqms.platform.InvalidSettingException;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The process's connections: one HikariCP pool for application traffic on the pooled URL, and
 * unpooled sessions on the direct URL for migrations, checks and (later) LISTEN. Direct sessions
 * are never pooled because they carry session state (the migrator's {@code SET ROLE}, LISTEN),
 * which must not leak into another use. Closing this closes the pool, then the embedded database
 * if dqms started one.
 */
final class DatabaseConnections implements AutoCloseable {

    static final String APP_NAME = "dqms-app";
    static final String MIGRATOR_NAME = "dqms-migrator";
    static final String CHECK_NAME = "dqms-check";

    private final ConnectionTargets targets;
    private final HikariDataSource pooled;

    /**
     * @param server whether the server opens them: it fails at once when it cannot connect and keeps
     *     its pool filled; a command reports a failure itself and opens a pooled session only when
     *     it asks for one
     */
    DatabaseConnections(ConnectionTargets targets, DatabaseSettings settings, boolean server) {
        this.targets = targets;
        try {
            this.pooled = open(targets.pooled(), settings, server);
            if (server && targets.directProblem().isEmpty()) {
                try (Connection probe = direct(CHECK_NAME).getConnection()) {
                    probe.isValid(1);
                } catch (SQLException e) {
                    throw cannotConnect(ConnectionTargets.DIRECT, targets.direct(), e);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    HikariDataSource pooled() {
        return pooled;
    }

    /**
     * Direct sessions, a new connection for each {@code getConnection()}, named in
     * pg_stat_activity; refuses with the reason when the direct URL is unusable.
     */
    DataSource direct(String applicationName) {
        PostgresUrl url = targets.requireDirect();
        Properties properties = url.driverProperties();
        properties.setProperty("ApplicationName", applicationName);
        SimpleDriverDataSource source = new SimpleDriverDataSource(new org.postgresql.Driver(), url.jdbcUrl());
        source.setConnectionProperties(properties);
        return source;
    }

    ConnectionTargets targets() {
        return targets;
    }

    private static HikariDataSource open(PostgresUrl url, DatabaseSettings settings, boolean server) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dqms-pooled");
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setMaxLifetime(settings.maxLifetime().toMillis());
        config.setKeepaliveTime(settings.keepaliveTime().toMillis());
        config.setLeakDetectionThreshold(settings.leakDetectionThreshold().toMillis());
        config.setInitializationFailTimeout(server ? 1 : -1);
        if (!server) {
            // Commands work over the direct URL (`db check` borrows one pooled connection):
            // HikariCP's minimumIdle, the pool size by default, would open DATABASE_POOL_SIZE
            // sessions for nothing, as a role that `db roles` may not have created yet.
            config.setMinimumIdle(0);
        }
        Properties properties = url.driverProperties();
        properties.remove("user");
        properties.remove("password");
        properties.setProperty("ApplicationName", APP_NAME);
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setDataSourceProperties(properties);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw cannotConnect(ConnectionTargets.POOLED, url, e);
        }
    }

    private static InvalidSettingException cannotConnect(String variable, PostgresUrl url, Exception e) {
        return new InvalidSettingException(variable, "cannot connect to " + url.redacted() + " (" + reason(e) + ")");
    }

    /** The driver's own words (they never contain the password), else the innermost cause. */
    private static String reason(Throwable e) {
        Throwable chosen = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            chosen = t;
            if (t instanceof SQLException) {
                break;
            }
        }
        String message = chosen.getMessage();
        return message == null
                ? chosen.getClass().getSimpleName()
                : message.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        if (pooled != null) {
            pooled.close();
        }
        targets.embedded().ifPresent(EmbeddedPostgresServer::close);
    }
}
