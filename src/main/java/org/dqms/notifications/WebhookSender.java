package org.dqms.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS and WhatsApp through a gateway of the hospital's choice: a JSON POST signed with HMAC-SHA256.
 * The receiver checks {@code X-Dqms-Signature: v1=<hex>} over {@code <X-Dqms-Timestamp>.<body>}
 * with the shared secret, and drops a repeated {@code Idempotency-Key}.
 */
final class WebhookSender implements Sender {

    static final String SIGNATURE = "X-Dqms-Signature";
    static final String TIMESTAMP = "X-Dqms-Timestamp";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI url;
    private final byte[] secret;
    private final Clock clock;
    private final Duration deadline;

    WebhookSender(HttpClient http, URI url, String secret, Clock clock, Duration deadline) {
        this.http = http;
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.deadline = deadline;
    }

    @Override
    public void send(Message message) throws SendFailure {
        String body = JSON.writeValueAsString(Map.of(
                "id", message.idempotencyKey(),
                "channel", message.channel().name(),
                "to", message.recipient(),
                "text", message.body()));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", message.idempotencyKey())
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "v1=" + sign(secret, timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpDelivery.post(http, request, deadline, "webhook");
    }

    /**
     * Whether a request the gateway sent to dqms is signed with the shared secret, the same way, and
     * no more than five minutes old or early.
     */
    boolean verifies(String timestamp, String body, String signature) {
        if (timestamp == null || signature == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > 300) {
            return false;
        }
        byte[] expected = ("v1=" + sign(secret, timestamp + "." + body)).getBytes(StandardCharsets.UTF_8);
        return java.security.MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of the text with the secret, in lower-case hex. */
    static String sign(byte[] secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
