package org.dqms.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How dqms signs sessions and what it asks of HTTP clients. Each field maps to an environment
 * variable in {@code application.yml}; README's configuration table documents them. With no key at
 * all, development signs with a key it keeps in {@code <DQMS_DATA_DIR>/jwt-secret}; production
 * refuses to start.
 *
 * @param jwtSecret HS256 key, base64 of at least 32 random bytes ({@code DQMS_JWT_SECRET})
 * @param jwtSecretFile a file holding that key ({@code DQMS_JWT_SECRET_FILE})
 * @param jwtPrivateKeyFile RSA private key, PKCS#8 PEM, for RS256 instead ({@code DQMS_JWT_PRIVATE_KEY_FILE})
 * @param accessTokenTtl how long an access token is accepted ({@code DQMS_ACCESS_TOKEN_TTL})
 * @param refreshTokenTtl how long a session lasts without being used ({@code DQMS_REFRESH_TOKEN_TTL})
 * @param requireHttps refuse requests that did not arrive over HTTPS ({@code DQMS_REQUIRE_HTTPS})
 * @param corsAllowedOrigins origins whose pages may call the API; empty means none ({@code DQMS_CORS_ALLOWED_ORIGINS})
 */
@Validated
@ConfigurationProperties("dqms.security")
record SecuritySettings(
        String jwtSecret,
        String jwtSecretFile,
        String jwtPrivateKeyFile,

        @DefaultValue("15m") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 24)
        Duration accessTokenTtl,

        @DefaultValue("30d") @NotNull @DurationMin(minutes = 1) @DurationMax(days = 366)
        Duration refreshTokenTtl,

        @DefaultValue("false") boolean requireHttps,
        @DefaultValue List<String> corsAllowedOrigins) {

    SecuritySettings {
        corsAllowedOrigins = corsAllowedOrigins == null
                ? List.of()
                : corsAllowedOrigins.stream()
                        .map(String::strip)
                        .filter(origin -> !origin.isEmpty())
                        .toList();
    }

    @AssertTrue(message = "must be longer than DQMS_ACCESS_TOKEN_TTL")
    boolean isRefreshTokenTtl() {
        return refreshTokenTtl == null || accessTokenTtl == null || refreshTokenTtl.compareTo(accessTokenTtl) > 0;
    }

    @AssertTrue(
            message = "must list origins such as https://queue.example.org (scheme, host and optional port),"
                    + " without paths or wildcards")
    boolean isCorsAllowedOrigins() {
        return corsAllowedOrigins.stream().allMatch(SecuritySettings::isOrigin);
    }

    private static boolean isOrigin(String origin) {
        return origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    }

    /** Keeps the signing key out of logs and error messages. */
    @Override
    public String toString() {
        return "SecuritySettings[accessTokenTtl=" + accessTokenTtl + ", refreshTokenTtl=" + refreshTokenTtl
                + ", requireHttps=" + requireHttps + ", corsAllowedOrigins=" + corsAllowedOrigins
                + ", secrets redacted]";
    }
}
