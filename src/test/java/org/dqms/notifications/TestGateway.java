package org.dqms.notifications;

import java.io.IOException;
import mockwebserver3.MockWebServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A server on loopback as dqms' signed SMS gateway ({@code DQMS_SMS_PROVIDER=webhook}). */
final class TestGateway {

    private TestGateway() {}

    /**
     * Starts the server and points dqms at it; the dispatcher polls the outbox every {@code poll}
     * ({@code 1h}: its own rounds stay idle, and the test runs them).
     */
    static void serve(MockWebServer server, DynamicPropertyRegistry registry, String poll) throws IOException {
        server.start(0);
        registry.add("DQMS_SMS_PROVIDER", () -> "webhook");
        registry.add("DQMS_SMS_PROVIDER_URL", () -> server.url("/sms").toString());
        registry.add("DQMS_SMS_PROVIDER_SECRET", () -> "a-test-gateway-secret-of-at-least-32-characters");
        registry.add("DQMS_NOTIFY_POLL_INTERVAL", () -> poll);
    }
}
