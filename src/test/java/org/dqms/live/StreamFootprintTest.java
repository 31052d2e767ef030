package org.dqms.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import org.apache.catalina.connector.Connector;
import org.dqms.department.Department;
import org.dqms.testing.ApiClient;
import org.dqms.testing.EventStream;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/** An open event stream keeps no observation open, and connections have small socket buffers. */
@IntegrationTest
class StreamFootprintTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry meters;

    @Test
    void anOpenStreamHoldsNoObservationWhileOtherRequestsAreObserved() {
        Department department = new Hospital(context).department();
        try (EventStream stream = EventStream.open(
                URI.create("http://localhost:" + port + "/api/v1/live/departments/" + department.id()))) {
            stream.await(event -> event.name().equals("queue"), Duration.ofSeconds(5));

            assertThat(activeRequests()).isZero();
        }
        ApiClient visitor = ApiClient.anonymous(port);
        assertThat(visitor.send(java.net.http.HttpRequest.newBuilder(
                                visitor.uri("/api/v1/departments/" + department.id())))
                        .statusCode())
                .isEqualTo(200);
        assertThat(meters.find("http.server.requests")
                        .tag("uri", "/api/v1/departments/{id}")
                        .timer())
                .isNotNull();
        assertThat(meters.find("spring.security.filterchains").meters())
                .as("one observation per request, none per security filter")
                .isEmpty();
        assertThat(meters.find("spring.security.authorizations").meters()).isEmpty();
    }

    @Test
    void socketBuffersAreTwoKibibytes() {
        Connector connector = ((TomcatWebServer) ((WebServerApplicationContext) context).getWebServer())
                .getTomcat()
                .getConnector();

        assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("2048");
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("2048");
    }

    private long activeRequests() {
        return meters.find("http.server.requests.active").longTaskTimers().stream()
                .mapToLong(LongTaskTimer::activeTasks)
                .sum();
    }
}
