package org.dqms.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * One client address holds at most DQMS_LIVE_MAX_STREAMS_PER_CLIENT open streams; the address is
 * the one of X-Forwarded-For, as a proxy in front of dqms sets it.
 */
@IntegrationTest
@TestPropertySource(properties = {"DQMS_LIVE_MAX_STREAMS_PER_CLIENT=2", "DQMS_LIVE_HEARTBEAT=1s"})
class StreamsPerClientOverHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SCRIPT = "203.0.113.7";
    private static final String PHONE = "198.51.100.20";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final List<HttpResponse<InputStream>> streams = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        streams.forEach(StreamsPerClientOverHttpTest::close);
    }

    @Test
    void theStreamPastTheLimitIsRefusedWhileAnotherAddressGetsOneAndAClosedOneFreesAPlace() throws Exception {
        Department department = new Hospital(context).department();
        HttpResponse<InputStream> first = open(department, SCRIPT);
        HttpResponse<InputStream> second = open(department, SCRIPT);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);

        HttpResponse<InputStream> third = open(department, SCRIPT);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(third.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(new String(third.body().readAllBytes(), StandardCharsets.UTF_8))
                .contains("\"status\":429")
                .contains("DQMS_LIVE_MAX_STREAMS_PER_CLIENT");

        assertThat(open(department, PHONE).statusCode()).isEqualTo(200);

        close(first);
        // The server learns of the closed connection when a heartbeat cannot be written.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = open(department, SCRIPT).statusCode();
        }
        assertThat(status)
                .as("a stream from the address after one of its streams closed")
                .isEqualTo(200);
        assertThat(open(department, SCRIPT).statusCode()).isEqualTo(429);
    }

    private HttpResponse<InputStream> open(Department department, String address)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/live/departments/" + department.id()))
                .header("Accept", "text/event-stream")
                .header("X-Forwarded-For", address)
                .build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        streams.add(response);
        return response;
    }

    private static void close(HttpResponse<InputStream> stream) {
        try {
            stream.body().close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
