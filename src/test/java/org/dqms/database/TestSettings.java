package org.dqms.database;

import java.time.Duration;

/** {@link DatabaseSettings} with application.yml's defaults, changed one setting at a time. */
final class TestSettings {

    private String url;
    private String password;
    private String passwordFile;
    private String directUrl;
    private String directPassword;
    private String sslRootCertFile;
    private Integer prepareThreshold;
    private int poolSize = 10;
    private int instances = 1;
    private Boolean migrateOnStart;
    private Duration migrationLockTimeout = Duration.ofSeconds(2);

    static TestSettings defaults() {
        return new TestSettings();
    }

    TestSettings url(String value) {
        url = value;
        return this;
    }

    TestSettings password(String value) {
        password = value;
        return this;
    }

    TestSettings passwordFile(String value) {
        passwordFile = value;
        return this;
    }

    TestSettings directUrl(String value) {
        directUrl = value;
        return this;
    }

    TestSettings directPassword(String value) {
        directPassword = value;
        return this;
    }

    TestSettings sslRootCertFile(String value) {
        sslRootCertFile = value;
        return this;
    }

    TestSettings prepareThreshold(Integer value) {
        prepareThreshold = value;
        return this;
    }

    TestSettings poolSize(int value) {
        poolSize = value;
        return this;
    }

    TestSettings instances(int value) {
        instances = value;
        return this;
    }

    TestSettings migrateOnStart(Boolean value) {
        migrateOnStart = value;
        return this;
    }

    TestSettings migrationLockTimeout(Duration value) {
        migrationLockTimeout = value;
        return this;
    }

    DatabaseSettings build() {
        return new DatabaseSettings(
                url,
                null,
                password,
                passwordFile,
                directUrl,
                null,
                directPassword,
                null,
                sslRootCertFile,
                poolSize,
                Duration.ofSeconds(5),
                Duration.ofMinutes(15),
                Duration.ofMinutes(2),
                Duration.ZERO,
                prepareThreshold,
                instances,
                migrateOnStart,
                migrationLockTimeout);
    }
}
