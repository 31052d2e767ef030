package org.dqms.notifications;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Notifications. Each maps to an environment variable in application.yml; secrets have _FILE twins.
 *
 * @param nearTurnAhead "your turn is near" goes out when this many or fewer are ahead
 * @param smsProvider {@code none}, {@code twilio} or {@code webhook}; WhatsApp uses the same one
 * @param providerUrl the provider's base URL (Twilio-compatible) or the webhook's URL
 * @param providerAccount the Twilio account SID
 * @param providerSecret the Twilio auth token, or the webhook's HMAC secret
 * @param smsFrom the sender number for SMS; {@code whatsappFrom} for WhatsApp
 * @param mailFrom the From address of emails; email is off without it
 */
@Validated
@ConfigurationProperties("dqms.notifications")
record NotificationSettings(
        @DefaultValue("3") @Min(0) @Max(50) int nearTurnAhead,

        @DefaultValue("500ms") @NotNull @DurationMin(millis = 10)
        Duration pollInterval,

        @DefaultValue("6") @Min(1) @Max(20) int maxAttempts,

        @DefaultValue("2s") @NotNull @DurationMin(millis = 1)
        Duration retryBase,

        @DefaultValue("60s") @NotNull @DurationMin(millis = 100)
        Duration lease,

        @DefaultValue("none") @Pattern(regexp = "none|twilio|webhook", message = "must be none, twilio or webhook")
        String smsProvider,

        @DefaultValue("") String providerUrl,
        @DefaultValue("") String providerAccount,
        @DefaultValue("") String providerSecret,
        @DefaultValue("") String providerSecretFile,
        @DefaultValue("") String smsFrom,
        @DefaultValue("") String whatsappFrom,
        @DefaultValue("") String mailFrom) {}
