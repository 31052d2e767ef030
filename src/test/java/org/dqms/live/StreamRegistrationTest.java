package org.dqms.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.queue.QueueSnapshots;
import org.dqms.queue.TokenRef;
import org.dqms.testing.AllAtOnce;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A stream is counted only while it can be sent to, and every open stream of a token gets its
 * events, however the streams of that token open and close at the same moment.
 */
@IntegrationTest
class StreamRegistrationTest {

    private static final int BUFFER_BYTES = 65536;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    QueueSnapshots snapshots;

    @Autowired
    LiveHub hub;

    @Test
    void aStreamWhoseFirstWriteFailsIsNotCounted() {
        Department department = new Hospital(context).department();
        TokenRef token = joined(department);
        int before = hub.streams();

        // As the servlet opens a stream: the retry line first, then the subscription.
        FakeConnection board = FakeConnection.reset();
        SseClient boardClient = client(board);
        assertThat(boardClient.retry(LiveStreamServlet.RETRY_MILLIS)).isFalse();
        hub.subscribeBoards(boardClient, Set.of(department.id()));

        FakeConnection phone = FakeConnection.reset();
        SseClient phoneClient = client(phone);
        assertThat(phoneClient.retry(LiveStreamServlet.RETRY_MILLIS)).isFalse();
        hub.subscribeToken(phoneClient, token.departmentId(), token.tokenId());

        assertThat(board.completed()).isTrue();
        assertThat(phone.completed()).isTrue();
        assertThat(hub.streams()).isEqualTo(before);
    }

    @Test
    void everyOpenStreamOfATokenIsCountedAndGetsItsEventsWhileOthersOpenAndClose() throws Exception {
        Department department = new Hospital(context).department();
        TokenRef token = joined(department);
        int before = hub.streams();
        List<SseClient> open = List.of();

        // Each round, at the same moment: the token's streams of the round before close, so that its
        // set of streams empties, while new ones open; and some of the new ones close as they open,
        // as a phone that goes away while the servlet registers its stream.
        for (int round = 0; round < 40; round++) {
            List<FakeConnection> staying = connections(4);
            List<FakeConnection> leaving = connections(4);
            List<Runnable> work = new ArrayList<>();
            open.forEach(client -> work.add(client::close));
            open = staying.stream().map(this::client).toList();
            for (SseClient client : open) {
                work.add(() -> hub.subscribeToken(client, token.departmentId(), token.tokenId()));
            }
            for (SseClient client : leaving.stream().map(this::client).toList()) {
                work.add(() -> hub.subscribeToken(client, token.departmentId(), token.tokenId()));
                work.add(client::close);
            }
            AllAtOnce.run(work, step -> {
                step.run();
                return true;
            });

            assertThat(hub.streams()).as("streams after round %d", round).isEqualTo(before + open.size());
            for (FakeConnection connection : staying) {
                awaitTokenEvent(connection, round);
            }
            assertThat(leaving).allMatch(FakeConnection::completed);
        }
        open.forEach(SseClient::close);
        assertThat(hub.streams()).isEqualTo(before);
    }

    private static List<FakeConnection> connections(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> FakeConnection.keepingUp())
                .toList();
    }

    private SseClient client(FakeConnection connection) {
        return new SseClient(connection, connection, BUFFER_BYTES, hub::unsubscribe);
    }

    private TokenRef joined(Department department) {
        String link = new LiveApi(port, accounts)
                .join(department.id())
                .get("publicId")
                .asString();
        return snapshots.byLink(UUID.fromString(link)).orElseThrow();
    }

    private static void awaitTokenEvent(FakeConnection connection, int round) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!connection.text().contains("event: token") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(connection.text())
                .as("what an open stream of the token got in round %d", round)
                .contains("event: token");
    }
}
