package org.dqms.platform;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings that every module shares.
 *
 * @param env {@code development} or {@code production} ({@code DQMS_ENV})
 * @param dataDir where dqms keeps local files such as the embedded database ({@code DQMS_DATA_DIR})
 * @param commandMode set by the command line when dqms runs a command instead of the server
 */
@Validated
@ConfigurationProperties("dqms")
record PlatformSettings(
        @DefaultValue("development")
        @Pattern(regexp = "development|production", message = "must be development or production")
        String env,

        @DefaultValue("./data") @NotBlank String dataDir,
        @DefaultValue("false") boolean commandMode) {}
