package org.dqms.notifications;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An SMS provider on loopback, as providers behave: it may fail the first requests with 500, then
 * accepts; a request whose idempotency key it has accepted before is answered 200 and not
 * delivered again. It keeps every request and every delivery.
 */
final class ProviderStandIn extends Dispatcher {

    private final String keyHeader;
    private final AtomicInteger failuresLeft;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> delivered = new CopyOnWriteArrayList<>();
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final long firstAnswerDelayMillis;

    ProviderStandIn(String keyHeader, int failFirst) {
        this(keyHeader, failFirst, 0);
    }

    /** Answers the first request only after the delay, as a provider that is slow for a moment. */
    ProviderStandIn(String keyHeader, int failFirst, long firstAnswerDelayMillis) {
        this.keyHeader = keyHeader;
        this.failuresLeft = new AtomicInteger(failFirst);
        this.firstAnswerDelayMillis = firstAnswerDelayMillis;
    }

    /**
     * Serves this stand-in on {@code server} and points dqms at it as its signed SMS gateway
     * ({@code DQMS_SMS_PROVIDER=webhook}), polling the outbox every 50 ms.
     */
    void serveAsGateway(MockWebServer server, DynamicPropertyRegistry registry, String secret) throws IOException {
        server.setDispatcher(this);
        server.start(0);
        registry.add("DQMS_SMS_PROVIDER", () -> "webhook");
        registry.add("DQMS_SMS_PROVIDER_URL", () -> server.url("/sms").toString());
        registry.add("DQMS_SMS_PROVIDER_SECRET", () -> secret);
        registry.add("DQMS_NOTIFY_POLL_INTERVAL", () -> "50ms");
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        if (failuresLeft.getAndDecrement() > 0) {
            return new MockResponse.Builder().code(500).build();
        }
        if (keys.add(request.getHeaders().get(keyHeader))) {
            delivered.add(request);
        }
        MockResponse.Builder response = new MockResponse.Builder().code(200).body("{}");
        if (requests.size() == 1 && firstAnswerDelayMillis > 0) {
            response.headersDelay(firstAnswerDelayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return response.build();
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    List<RecordedRequest> delivered() {
        return List.copyOf(delivered);
    }
}
