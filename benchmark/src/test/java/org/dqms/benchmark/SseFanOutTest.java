package org.dqms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.dqms.benchmark.FakeLiveServer.Shows;
import org.junit.jupiter.api.Test;

/**
 * The SSE fan-out's commit-to-client figure against a server whose calls show on the streams a known
 * time after each call arrives: every latency is at least that time, an event from before the call
 * is never taken for it, a department whose streams never show the call counts as missing, and
 * streams the server closes count as dropped.
 */
class SseFanOutTest {

    private static final long COMMIT_MILLIS = 150;
    private static final long ANSWER_MILLIS = 400;
    private static final int SUBSCRIBERS = 48;
    private static final int ROUNDS = 2;
    private static final int PER_DEPARTMENT = SUBSCRIBERS / 4;

    @Test
    void commitToClientIsTimedFromTheCallForEverySubscriberThatShowsIt() throws Exception {
        Map<Long, Shows> departments = new LinkedHashMap<>();
        departments.put(1L, Shows.CALLS);
        departments.put(2L, Shows.NOTHING);
        departments.put(3L, Shows.CALLS);
        departments.put(4L, Shows.DROPPED_STREAMS);
        Map<Long, List<String>> links = new LinkedHashMap<>();
        Map<Long, Seeder.Doctor> doctors = new LinkedHashMap<>();
        for (long department : departments.keySet()) {
            List<String> waiting = new ArrayList<>();
            for (int ahead = 0; ahead < 20; ahead++) {
                waiting.add(department + "-" + ahead);
            }
            links.put(department, waiting);
            doctors.put(department, new Seeder.Doctor(department, department, "bearer-" + department));
        }
        List<Long> told = new CopyOnWriteArrayList<>();
        AtomicInteger histograms = new AtomicInteger();

        SseFanOut.Result result;
        List<Long> called;
        try (FakeLiveServer server = new FakeLiveServer(departments, COMMIT_MILLIS, ANSWER_MILLIS);
                DqmsClient client = new DqmsClient(server.base(), 2)) {
            result = new SseFanOut(client)
                    .run(SUBSCRIBERS, 0.25, ROUNDS, links, doctors, () -> 777, told::add, histograms::incrementAndGet);
            called = server.called();
        }

        assertThat(result.connected()).isEqualTo(SUBSCRIBERS);
        // Two departments show their calls to their three boards and nine phones, in both rounds.
        assertThat(result.latency().getTotalCount()).isEqualTo(2L * PER_DEPARTMENT * ROUNDS);
        // Each from the moment before the call was sent: never less than the time to the events, so
        // the phones moved up before their own department's call are not taken for it.
        assertThat(result.latency().getMinValue()).isGreaterThanOrEqualTo(COMMIT_MILLIS * 1000);
        // The department that shows nothing, and the one whose streams closed, miss every call.
        assertThat(result.missed()).isEqualTo(2L * PER_DEPARTMENT * ROUNDS);
        assertThat(result.droppedDuringRounds()).isEqualTo(PER_DEPARTMENT);
        assertThat(called).hasSize(departments.size() * ROUNDS);
        assertThat(told).containsExactlyElementsOf(called);
        assertThat(result.heapUsedMaxMib()).isEqualTo(100);
        assertThat(result.appRssMib()).isEqualTo(777);
        assertThat(histograms).hasValue(1);
    }
}
