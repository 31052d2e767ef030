package org.dqms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's own HTTP/1.1 client against a real HTTP server: answers are read whole
 * however they are framed, requests share a kept-alive connection, and a connection the server
 * closes is opened again instead of failing the requests after it.
 */
class KeepAliveConnectionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MockWebServer server = new MockWebServer();
    private KeepAliveConnections connections;

    @BeforeEach
    void start() throws Exception {
        server.start();
        connections = new KeepAliveConnections(URI.create(server.url("/").toString()), 1, TIMEOUT);
    }

    @AfterEach
    void stop() {
        connections.close();
        server.close();
    }

    @Test
    void answersWithALengthInChunksOrWithoutABodyAreReadWholeOverOneConnection() throws Exception {
        String chunked = "{\"queue\":\"" + "A".repeat(20_000) + "\"}";
        server.enqueue(new MockResponse.Builder().code(201).body("{\"number\":7}").build());
        server.enqueue(new MockResponse.Builder().chunkedBody(chunked, 1_000).build());
        server.enqueue(new MockResponse.Builder().code(204).build());

        DqmsClient.Reply created = send("POST", "/api/v1/departments/1/tokens", "{\"name\":\"Asha\"}");
        DqmsClient.Reply queue = send("GET", "/api/v1/queue", null);
        DqmsClient.Reply empty = send("DELETE", "/api/v1/tokens/7", null);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"number\":7}");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body()).isEqualTo(chunked);
        assertThat(empty.status()).isEqualTo(204);
        assertThat(empty.body()).isEmpty();

        RecordedRequest post = server.takeRequest();
        assertThat(post.getRequestLine()).isEqualTo("POST /api/v1/departments/1/tokens HTTP/1.1");
        assertThat(post.getHeaders().get("Authorization")).isEqualTo("Bearer t");
        assertThat(post.getBody().utf8()).isEqualTo("{\"name\":\"Asha\"}");
        RecordedRequest get = server.takeRequest();
        RecordedRequest delete = server.takeRequest();
        assertThat(List.of(post.getConnectionIndex(), get.getConnectionIndex(), delete.getConnectionIndex()))
                .containsOnly(post.getConnectionIndex());
        assertThat(List.of(post.getExchangeIndex(), get.getExchangeIndex(), delete.getExchangeIndex()))
                .containsExactly(0, 1, 2);
    }

    @Test
    void aConnectionTheServerClosesAfterAnAnswerIsOpenedAgain() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .body("first")
                .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(new MockResponse.Builder().body("second").build());

        assertThat(send("GET", "/one", null).body()).isEqualTo("first");
        assertThat(send("GET", "/two", null).body()).isEqualTo("second");

        int first = server.takeRequest().getConnectionIndex();
        assertThat(server.takeRequest().getConnectionIndex()).isEqualTo(first + 1);
    }

    @Test
    void aRequestTheServerDropsFailsAndTheNextGoesOverANewConnection() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .onRequestStart(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(new MockResponse.Builder().body("after").build());

        assertThat(connections.send("GET", "/dropped", null, List.of()))
                .failsWithin(TIMEOUT);
        assertThat(send("GET", "/after", null).body()).isEqualTo("after");
    }

    private DqmsClient.Reply send(String method, String path, String json) throws Exception {
        List<String> headers = json == null
                ? List.of("Authorization", "Bearer t")
                : List.of("Authorization", "Bearer t", "Content-Type", "application/json");
        return connections.send(method, path, json, headers).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
