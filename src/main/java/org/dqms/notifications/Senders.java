package org.dqms.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dqms.platform.Deployment;
import org.dqms.platform.InvalidSettingException;
import org.dqms.platform.Secrets;
import org.dqms.queue.NotificationChannels;
import org.dqms.queue.NotifyChannel;

/**
 * The sender of each channel, made from the settings at start. A provider named but not fully set
 * stops dqms with one line naming the missing variable; production also refuses plain HTTP, and
 * email without TLS to a server on another machine ({@link SmtpMail}).
 * Channels without a sender are not offered: the pages leave them out, and joins and bookings that
 * ask for them are refused ({@link org.dqms.queue.OfferedChannels}).
 */
final class Senders implements NotificationChannels {

    private final Map<NotifyChannel, Sender> byChannel;

    private Senders(Map<NotifyChannel, Sender> byChannel) {
        this.byChannel = byChannel;
    }

    Optional<Sender> of(NotifyChannel channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }

    /** The signed webhook gateway, when that is the provider: it also sends STOP and START to dqms. */
    Optional<WebhookSender> webhook() {
        return byChannel.get(NotifyChannel.SMS) instanceof WebhookSender webhook
                ? Optional.of(webhook)
                : Optional.empty();
    }

    /** Whether any channel can be sent on at all. */
    boolean any() {
        return !byChannel.isEmpty();
    }

    boolean supports(NotifyChannel channel) {
        return byChannel.containsKey(channel);
    }

    @Override
    public Set<NotifyChannel> withSender() {
        Set<NotifyChannel> channels = EnumSet.noneOf(NotifyChannel.class);
        channels.addAll(byChannel.keySet());
        return Collections.unmodifiableSet(channels);
    }

    static Senders from(NotificationSettings settings, Deployment deployment, Clock clock) {
        Map<NotifyChannel, Sender> senders = new EnumMap<>(NotifyChannel.class);
        String provider = settings.smsProvider();
        if (!provider.equals("none")) {
            // Built only when needed: a client sets up TLS and a selector thread (0.1 s of a start).
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String url = required(settings.providerUrl(), "DQMS_SMS_PROVIDER_URL", provider);
            // An http(s) URL with a host: NotificationSettings checked it.
            URI uri = URI.create(url);
            if (deployment.production() && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new InvalidSettingException("DQMS_SMS_PROVIDER_URL", "production needs https");
            }
            String secret = Secrets.read(
                            "DQMS_SMS_PROVIDER_SECRET", settings.providerSecret(), settings.providerSecretFile())
                    .orElseThrow(() -> missing("DQMS_SMS_PROVIDER_SECRET", provider));
            Sender sender;
            if (provider.equals("twilio")) {
                String account = required(settings.providerAccount(), "DQMS_SMS_PROVIDER_ACCOUNT", provider);
                String from = required(settings.smsFrom(), "DQMS_SMS_FROM", provider);
                sender = new TwilioSender(
                        http, url, account, secret, from, settings.whatsappFrom(), settings.attemptTimeout());
            } else {
                if (secret.length() < 32) {
                    throw new InvalidSettingException(
                            "DQMS_SMS_PROVIDER_SECRET", "a webhook secret needs at least 32 characters");
                }
                sender = new WebhookSender(http, uri, secret, clock, settings.attemptTimeout());
            }
            senders.put(NotifyChannel.SMS, sender);
            if (provider.equals("webhook") || !settings.whatsappFrom().isBlank()) {
                senders.put(NotifyChannel.WHATSAPP, sender);
            }
        }
        if (!settings.mailFrom().isBlank()) {
            senders.put(
                    NotifyChannel.EMAIL,
                    new EmailSender(
                            SmtpMail.sender(settings.smtp(), deployment),
                            settings.mailFrom(),
                            settings.attemptTimeout()));
        }
        return new Senders(senders);
    }

    private static String required(String value, String variable, String provider) {
        if (value == null || value.isBlank()) {
            throw missing(variable, provider);
        }
        return value.strip();
    }

    private static InvalidSettingException missing(String variable, String provider) {
        return new InvalidSettingException(variable, "required with DQMS_SMS_PROVIDER=" + provider);
    }
}
