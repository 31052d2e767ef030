package org.dqms.notifications;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.dqms.queue.NotifyChannel;

/**
 * SMS and WhatsApp through a Twilio-compatible Messages API: a form POST to
 * {@code <base>/2010-04-01/Accounts/<sid>/Messages.json} with basic authentication and the
 * idempotency token header, which the provider uses to send a retried message once.
 */
final class TwilioSender implements Sender {

    static final String IDEMPOTENCY = "I-Twilio-Idempotency-Token";

    private final HttpClient http;
    private final URI messages;
    private final String authorization;
    private final String smsFrom;
    private final String whatsappFrom;
    private final Duration deadline;

    TwilioSender(
            HttpClient http,
            String baseUrl,
            String account,
            String token,
            String smsFrom,
            String whatsappFrom,
            Duration deadline) {
        this.http = http;
        this.messages =
                URI.create(baseUrl.replaceAll("/+$", "") + "/2010-04-01/Accounts/" + account + "/Messages.json");
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((account + ":" + token).getBytes(StandardCharsets.UTF_8));
        this.smsFrom = smsFrom;
        this.whatsappFrom = whatsappFrom;
        this.deadline = deadline;
    }

    @Override
    public void send(Message message) throws SendFailure {
        boolean whatsapp = message.channel() == NotifyChannel.WHATSAPP;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", (whatsapp ? "whatsapp:" : "") + message.recipient());
        form.put("From", whatsapp ? "whatsapp:" + whatsappFrom : smsFrom);
        form.put("Body", message.body());
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(messages)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(IDEMPOTENCY, message.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpDelivery.post(http, request, deadline, "provider");
    }
}
