package org.dqms.accounts;

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
 * Accounts and sign-in. Each maps to an environment variable in application.yml.
 *
 * @param minPasswordLength the shortest password accepted ({@code DQMS_PASSWORD_MIN_LENGTH})
 * @param maxFailedSignIns failures in a row for one email before it is locked ({@code
 *     DQMS_MAX_FAILED_SIGN_INS})
 * @param lockout how long such an email stays locked ({@code DQMS_SIGN_IN_LOCKOUT})
 * @param bootstrapAdminEmail the administrator created at start when none exists ({@code
 *     DQMS_BOOTSTRAP_ADMIN_EMAIL})
 * @param bootstrapAdminPasswordFile the file with that administrator's password ({@code
 *     DQMS_BOOTSTRAP_ADMIN_PASSWORD_FILE})
 */
@Validated
@ConfigurationProperties("dqms.accounts")
record AccountSettings(
        @DefaultValue("12") @Min(8) @Max(64) int minPasswordLength,
        @DefaultValue("5") @Min(1) @Max(100) int maxFailedSignIns,

        @DefaultValue("15m") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 24)
        Duration lockout,

        String bootstrapAdminEmail,
        String bootstrapAdminPasswordFile) {}
