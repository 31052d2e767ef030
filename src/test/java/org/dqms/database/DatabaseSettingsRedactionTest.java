package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A log line or an exception message that includes the database settings shows no URL or password. */
class DatabaseSettingsRedactionTest {

    @Test
    void theSettingsShowNoUrlOrPassword() {
        DatabaseSettings settings = TestSettings.defaults()
                .url("postgresql://dqms_app:url-password-Harbour@db.hospital.example/dqms")
                .password("pooled-password-Lantern")
                .directUrl("postgresql://dqms_migrator@db-direct.hospital.example/dqms")
                .directPassword("direct-password-Quiet")
                .build();

        assertThat(settings.toString())
                .doesNotContain("url-password-Harbour", "pooled-password-Lantern", "direct-password-Quiet")
                .doesNotContain("db.hospital.example", "db-direct.hospital.example")
                .contains("poolSize=10");
    }
}
