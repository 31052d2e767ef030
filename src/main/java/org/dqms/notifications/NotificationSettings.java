package org.dqms.notifications;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Notifications. Each maps to an environment variable in application.yml; secrets have _FILE twins.
 *
 * @param nearTurnAhead "your turn is near" goes out when this many or fewer are ahead
 * @param lease how long a claimed message is reserved for the instance that claimed it
 * @param attemptTimeout the longest one attempt may take, from connecting to the whole answer
 * @param retention how long a sent message is kept; at least a day: while its intent may still be
 *     stored again (a reminder's, for an hour), its row's idempotency key keeps it from going twice
 * @param smsProvider {@code none}, {@code twilio} or {@code webhook}; WhatsApp uses the same one
 * @param providerUrl the provider's base URL (Twilio-compatible) or the webhook's URL
 * @param providerAccount the Twilio account SID
 * @param providerSecret the Twilio auth token, or the webhook's HMAC secret
 * @param smsFrom the sender number for SMS; {@code whatsappFrom} for WhatsApp
 * @param mailFrom the From address of emails; email is off without it
 * @param smtp the SMTP server of emails
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

        @DefaultValue("20s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5)
        Duration attemptTimeout,

        @DefaultValue("30d") @NotNull @DurationMin(days = 1, message = "must be at least 1d")
        Duration retention,

        @DefaultValue("none") @Pattern(regexp = "none|twilio|webhook", message = "must be none, twilio or webhook")
        String smsProvider,

        @DefaultValue("") String providerUrl,

        @DefaultValue("") @Pattern(regexp = "[A-Za-z0-9_-]*", message = "must be letters, digits, '-' or '_'")
        String providerAccount,

        @DefaultValue("") String providerSecret,
        @DefaultValue("") String providerSecretFile,
        @DefaultValue("") String smsFrom,
        @DefaultValue("") String whatsappFrom,
        @DefaultValue("") String mailFrom,
        @DefaultValue @Valid Smtp smtp) {

    /**
     * The SMTP server of emails.
     *
     * @param password the password of {@code username}; {@code passwordFile} names a file that holds it
     * @param tls {@code starttls}: the connection is upgraded to TLS before anything is sent, and a
     *     server that does not offer it gets nothing (the submission port, 587); {@code tls}: TLS
     *     from the first byte (port 465); {@code none}: plain text, for a relay on the same machine
     */
    record Smtp(
            @DefaultValue("") String host,
            @DefaultValue("587") @Min(1) @Max(65535) int port,
            @DefaultValue("") String username,
            @DefaultValue("") String password,
            @DefaultValue("") String passwordFile,

            @DefaultValue("starttls") @Pattern(regexp = "starttls|tls|none", message = "must be starttls, tls or none")
            String tls) {

        /** Keeps the password out of logs and error messages. */
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password="
                    + redacted(password) + ", passwordFile=" + passwordFile + ", tls=" + tls + "]";
        }
    }

    @AssertTrue(
            message = "must be at least twice DQMS_NOTIFY_ATTEMPT_TIMEOUT,"
                    + " so that an attempt always ends within its lease")
    boolean isLease() {
        return lease == null || attemptTimeout == null || lease.compareTo(attemptTimeout.multipliedBy(2)) >= 0;
    }

    // The message never shows the value: a URL may hold a password or a token.
    @AssertTrue(message = "must be an http or https URL with a host")
    boolean isProviderUrl() {
        if (providerUrl == null || providerUrl.isBlank()) {
            return true;
        }
        try {
            URI uri = new URI(providerUrl.strip());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Keeps the provider's secret and URL (which may hold a password or a token) and the SMTP
     * password out of logs and error messages; the names of secret files stay.
     */
    @Override
    public String toString() {
        return "NotificationSettings[nearTurnAhead=" + nearTurnAhead + ", pollInterval=" + pollInterval
                + ", maxAttempts=" + maxAttempts + ", retryBase=" + retryBase + ", lease=" + lease
                + ", attemptTimeout=" + attemptTimeout + ", retention=" + retention + ", smsProvider=" + smsProvider
                + ", providerUrl="
                + redacted(providerUrl) + ", providerAccount=" + providerAccount + ", providerSecret="
                + redacted(providerSecret) + ", providerSecretFile=" + providerSecretFile + ", smsFrom=" + smsFrom
                + ", whatsappFrom=" + whatsappFrom + ", mailFrom=" + mailFrom + ", smtp=" + smtp + "]";
    }

    /** {@code ***} for a value that is set, so that a log still tells set from unset. */
    private static String redacted(String value) {
        return value == null || value.isEmpty() ? "" : "***";
    }
}
