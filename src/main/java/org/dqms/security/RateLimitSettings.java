package org.dqms.security;

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
 * How many sign-ins, sign-ups and joins one client IP address or one phone number may make in a
 * fixed window before dqms answers 429. Each count has a window of its own; each field maps to an
 * environment variable {@code DQMS_RATE_LIMIT_<FIELD>} in {@code application.yml}.
 *
 * @param signInPerIp sign-ins per client IP address ({@code DQMS_RATE_LIMIT_SIGN_IN_PER_IP})
 * @param signInPerIpWindow ({@code DQMS_RATE_LIMIT_SIGN_IN_PER_IP_WINDOW})
 * @param signUpPerIp sign-ups per client IP address ({@code DQMS_RATE_LIMIT_SIGN_UP_PER_IP})
 * @param signUpPerIpWindow ({@code DQMS_RATE_LIMIT_SIGN_UP_PER_IP_WINDOW})
 * @param signUpPerPhone sign-ups per phone number ({@code DQMS_RATE_LIMIT_SIGN_UP_PER_PHONE})
 * @param signUpPerPhoneWindow ({@code DQMS_RATE_LIMIT_SIGN_UP_PER_PHONE_WINDOW})
 * @param joinPerIp joins per client IP address ({@code DQMS_RATE_LIMIT_JOIN_PER_IP})
 * @param joinPerIpWindow ({@code DQMS_RATE_LIMIT_JOIN_PER_IP_WINDOW})
 * @param joinPerPhone joins per phone number ({@code DQMS_RATE_LIMIT_JOIN_PER_PHONE})
 * @param joinPerPhoneWindow ({@code DQMS_RATE_LIMIT_JOIN_PER_PHONE_WINDOW})
 */
@Validated
@ConfigurationProperties("dqms.rate-limit")
record RateLimitSettings(
        @DefaultValue("20") @Min(1) @Max(1_000_000_000) int signInPerIp,

        @DefaultValue("1m") @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1)
        Duration signInPerIpWindow,

        @DefaultValue("10") @Min(1) @Max(1_000_000_000) int signUpPerIp,

        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1)
        Duration signUpPerIpWindow,

        @DefaultValue("3") @Min(1) @Max(1_000_000_000) int signUpPerPhone,

        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1)
        Duration signUpPerPhoneWindow,

        @DefaultValue("60") @Min(1) @Max(1_000_000_000) int joinPerIp,

        @DefaultValue("1m") @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1)
        Duration joinPerIpWindow,

        @DefaultValue("10") @Min(1) @Max(1_000_000_000) int joinPerPhone,

        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1)
        Duration joinPerPhoneWindow) {

    /** One limit: at most {@code max} requests per {@code window} in each bucket named {@code name:<subject>}. */
    record Limit(String name, int max, Duration window) {}

    Limit signInIp() {
        return new Limit("sign-in:ip", signInPerIp, signInPerIpWindow);
    }

    Limit signUpIp() {
        return new Limit("sign-up:ip", signUpPerIp, signUpPerIpWindow);
    }

    Limit signUpPhone() {
        return new Limit("sign-up:phone", signUpPerPhone, signUpPerPhoneWindow);
    }

    Limit joinIp() {
        return new Limit("join:ip", joinPerIp, joinPerIpWindow);
    }

    Limit joinPhone() {
        return new Limit("join:phone", joinPerPhone, joinPerPhoneWindow);
    }
}
