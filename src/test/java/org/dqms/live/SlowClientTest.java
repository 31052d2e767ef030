package org.dqms.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.testing.EventStream;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** A phone that stops reading is dropped at its buffer's limit, and nobody else waits for it. */
@IntegrationTest
class SlowClientTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    LiveHub hub;

    @Test
    void stalledClientIsDroppedWhileAFastOneGetsEveryChange() {
        Department department = new Hospital(context).department();
        LiveApi api = new LiveApi(port, accounts);
        FakeConnection stalled = FakeConnection.stalledAfter(0);
        List<SseClient> closed = new ArrayList<>();
        SseClient slow = new SseClient(stalled, stalled, 1024, client -> {
            closed.add(client);
            hub.unsubscribe(client);
        });
        try (EventStream fast = EventStream.open(
                URI.create("http://localhost:" + port + "/api/v1/live/departments/" + department.id()))) {
            hub.subscribeBoards(slow, Set.of(department.id()));
            int streamsWithSlow = hub.streams();

            // Three rounds, each seen by the fast client before the next, so that the slow one is sent
            // at least three snapshots, however the changes of a round are coalesced.
            int joined = 0;
            for (int round : new int[] {10, 10, 5}) {
                for (int i = 0; i < round; i++) {
                    api.join(department.id());
                }
                joined += round;
                String waiting = "\"waiting\":" + joined + ",";
                fast.await(e -> e.data().contains(waiting), Duration.ofSeconds(10));
            }

            assertThat(slow.dropped()).isTrue();
            assertThat(stalled.completed()).isTrue();
            assertThat(closed).containsExactly(slow);
            assertThat(stalled.written()).isZero();
            assertThat(hub.streams()).isEqualTo(streamsWithSlow - 1);
            assertThat(slow.send("queue", "x", 1, "{}")).isFalse();
        }
    }

    @Test
    void sendingToAStalledClientNeverWaits() {
        FakeConnection stalled = FakeConnection.stalledAfter(0);
        SseClient client = new SseClient(stalled, stalled, 1 << 20, c -> {});
        String data = "x".repeat(1000);
        int accepted = 0;
        for (int i = 0; i < 500; i++) {
            if (client.send("queue", Integer.toString(i), i, data)) {
                accepted++;
            }
        }
        // 500 events of ~1 KB fit in 1 MiB unsent: all are queued, none is written, and the sender
        // went on each time: a send() that waited for the network would never return here.
        assertThat(accepted).isEqualTo(500);
        assertThat(stalled.written()).isZero();
    }
}
