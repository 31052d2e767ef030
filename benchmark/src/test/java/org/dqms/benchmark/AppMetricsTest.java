package org.dqms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The warm-up waits until the app's compilers go quiet, read from its Prometheus metrics: a read
 * that fails in any way must say so (-1), never look like a JIT that compiled nothing.
 */
class AppMetricsTest {

    private static final String PROMETHEUS = """
            # HELP jvm_compilation_time_ms_total The approximate accumulated elapsed time spent in compilation
            # TYPE jvm_compilation_time_ms_total counter
            jvm_compilation_time_ms_total{compiler="HotSpot 64-Bit Tiered Compilers"} 12345.0
            jvm_compilation_time_ms_total_created{compiler="HotSpot 64-Bit Tiered Compilers"} 1.7E9
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E8
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.097152E8
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E9
            """;

    private final MockWebServer server = new MockWebServer();
    private DqmsClient client;
    private AppMetrics metrics;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = new DqmsClient(URI.create(server.url("/").toString()), 1);
        metrics = new AppMetrics(client);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void samplesAreSummedByMetricAndLabel() {
        server.enqueue(new MockResponse.Builder().body(PROMETHEUS).build());
        server.enqueue(new MockResponse.Builder().body(PROMETHEUS).build());

        assertThat(metrics.compilationMillis()).isEqualTo(12_345);
        assertThat(metrics.heapUsedMib()).isEqualTo(300);
    }

    @Test
    void anAnswerOtherThan200IsAFailedRead() {
        server.enqueue(new MockResponse.Builder().code(404).body("{}").build());

        assertThat(metrics.compilationMillis()).isEqualTo(-1);
    }

    @Test
    void metricsWithoutTheCompilersTimeAreAFailedRead() {
        server.enqueue(new MockResponse.Builder().body("# no JVM metrics here\n").build());

        assertThat(metrics.compilationMillis()).isEqualTo(-1);
    }
}
