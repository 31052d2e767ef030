package org.dqms.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Posts an event to an integrator's endpoint, signed with the endpoint's own secret:
 * {@code X-Dqms-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, and the event id
 * in {@code Idempotency-Key} (also {@code id} in the body) so that a receiver drops a repeat.
 */
final class IntegratorSender {

    static final String SIGNATURE = "X-Dqms-Signature";

    private final Supplier<HttpClient> newClient;
    private final WebhookEndpoints endpoints;
    private final Clock clock;
    private final Duration deadline;
    // Built at the first delivery: a client sets up TLS and a selector thread (0.1 s of a start).
    private volatile HttpClient http;

    IntegratorSender(Supplier<HttpClient> newClient, WebhookEndpoints endpoints, Clock clock, Duration deadline) {
        this.newClient = newClient;
        this.endpoints = endpoints;
        this.clock = clock;
        this.deadline = deadline;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = newClient.get();
                    http = client;
                }
            }
        }
        return client;
    }

    void send(Message message) throws Sender.SendFailure {
        WebhookEndpoints.Endpoint endpoint = endpoints
                .find(message.endpointId())
                .orElseThrow(() -> new Sender.SendFailure("endpoint " + message.endpointId() + " was removed"));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = WebhookSender.sign(
                endpoint.secret().getBytes(StandardCharsets.UTF_8), timestamp + "." + message.body());
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", message.idempotencyKey())
                .header(SIGNATURE, "t=" + timestamp + ",v1=" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(message.body()))
                .build();
        HttpDelivery.post(http(), request, deadline, "endpoint");
    }
}
