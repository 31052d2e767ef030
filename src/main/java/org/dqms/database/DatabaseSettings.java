package org.dqms.database;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How dqms reaches PostgreSQL. Each field maps to an environment variable in {@code
 * application.yml}; README's configuration table documents them. Blank URL means the embedded
 * database.
 *
 * @param url pooled connection for application traffic ({@code DATABASE_URL})
 * @param directUrl direct connection for migrations and LISTEN ({@code DIRECT_DATABASE_URL})
 * @param sslRootCertFile CA bundle used when a URL names no {@code sslrootcert}
 * @param poolSize connections in this instance's pool ({@code DATABASE_POOL_SIZE})
 * @param connectionTimeout how long a request waits for a pooled connection
 * @param maxLifetime connections are replaced before this age, below server and proxy limits
 * @param keepaliveTime how often idle connections are pinged so firewalls do not drop them
 * @param leakDetectionThreshold log a connection held longer than this; zero turns it off
 * @param prepareThreshold pgjdbc prepareThreshold on the pooled URL; blank means automatic
 * @param instances how many dqms instances share the database, for the connection budget
 * @param migrateOnStart whether the server migrates at start; blank means yes outside production
 * @param migrationLockTimeout the migrator session's lock_timeout, below the application role's
 */
@Validated
@ConfigurationProperties("dqms.database")
record DatabaseSettings(
        String url,
        String urlFile,
        String password,
        String passwordFile,
        String directUrl,
        String directUrlFile,
        String directPassword,
        String directPasswordFile,
        String sslRootCertFile,
        @DefaultValue("10") @Min(1) @Max(500) int poolSize,

        @DefaultValue("5s") @NotNull @DurationMin(millis = 250) @DurationMax(minutes = 5)
        Duration connectionTimeout,

        @DefaultValue("15m") @NotNull @DurationMin(seconds = 30)
        Duration maxLifetime,

        @DefaultValue("2m") @NotNull @DurationMin(seconds = 30)
        Duration keepaliveTime,

        @DefaultValue("0s") @NotNull Duration leakDetectionThreshold,
        @Min(0) Integer prepareThreshold,
        @DefaultValue("1") @Min(1) @Max(1000) int instances,
        Boolean migrateOnStart,

        @DefaultValue("2s") @NotNull @DurationMin(millis = 100)
        Duration migrationLockTimeout) {

    /** The application's statements queue behind a migration waiting for its lock, for this long. */
    @AssertTrue(message = "must be shorter than 5s, the lock_timeout of the application role (dqms_app)")
    boolean isMigrationLockTimeout() {
        return migrationLockTimeout == null || migrationLockTimeout.compareTo(RoleLayout.APP_LOCK_TIMEOUT) < 0;
    }

    @AssertTrue(message = "must be shorter than DATABASE_MAX_LIFETIME")
    boolean isKeepaliveTime() {
        return keepaliveTime == null || maxLifetime == null || keepaliveTime.compareTo(maxLifetime) < 0;
    }

    @AssertTrue(message = "must be zero (off) or at least 2s")
    boolean isLeakDetectionThreshold() {
        return leakDetectionThreshold == null
                || leakDetectionThreshold.isZero()
                || leakDetectionThreshold.compareTo(Duration.ofSeconds(2)) >= 0;
    }

    /** Keeps URLs and passwords out of logs and error messages. */
    @Override
    public String toString() {
        return "DatabaseSettings[poolSize=" + poolSize + ", instances=" + instances + ", secrets redacted]";
    }
}
