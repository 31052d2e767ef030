package org.dqms.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.dqms.testing.AllAtOnce;
import org.junit.jupiter.api.Test;

/** Streams counted per address, with many opening and closing at the same moment. */
class StreamsPerClientTest {

    private static final String ADDRESS = "203.0.113.7";

    @Test
    void ofFiftyStreamsOpeningAtOnceExactlyTheLimitAreCounted() throws Exception {
        StreamsPerClient streams = new StreamsPerClient(20);

        Map<Integer, Boolean> opened = AllAtOnce.run(attempts(50), attempt -> streams.tryOpen(ADDRESS));

        assertThat(opened.values().stream().filter(yes -> yes)).hasSize(20);
        assertThat(streams.open(ADDRESS)).isEqualTo(20);
        assertThat(streams.tryOpen("203.0.113.8")).isTrue();
    }

    @Test
    void streamsClosingWhileOthersOpenLeaveAnExactCountAndForgetAnEmptyAddress() throws Exception {
        StreamsPerClient streams = new StreamsPerClient(40);
        for (int i = 0; i < 20; i++) {
            streams.tryOpen(ADDRESS);
        }

        // 20 close and 20 open at the same moment: never past the limit, so every one is counted.
        AllAtOnce.run(attempts(40), attempt -> {
            if (attempt % 2 == 0) {
                streams.closed(ADDRESS);
                return true;
            }
            return streams.tryOpen(ADDRESS);
        });
        assertThat(streams.open(ADDRESS)).isEqualTo(20);

        AllAtOnce.run(attempts(20), attempt -> {
            streams.closed(ADDRESS);
            return true;
        });
        assertThat(streams.open(ADDRESS)).isZero();
        assertThat(streams.addresses()).isZero();
    }

    private static List<Integer> attempts(int count) {
        return IntStream.range(0, count).boxed().toList();
    }
}
