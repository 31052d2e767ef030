package org.dqms.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.dqms.accounts.AccountService;
import org.dqms.database.DirectSessions;
import org.dqms.department.Department;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Many joins at once make few notifications: one per department per interval at most. */
@IntegrationTest
class NotifyCoalescingTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Autowired
    DirectSessions sessions;

    @Test
    void burstOfJoinsIsCoalescedIntoFewNotifications() throws Exception {
        Department department = new Hospital(context).department();
        LiveApi api = new LiveApi(port, accounts);
        int joins = 60;
        try (Connection listener = sessions.open("test-listen")) {
            try (Statement listen = listener.createStatement()) {
                listen.execute("LISTEN " + QueueChangeNotifier.CHANNEL);
            }
            long started = System.nanoTime();
            ExecutorService threads = Executors.newFixedThreadPool(6);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < joins; i++) {
                done.add(threads.submit(() -> api.join(department.id())));
            }
            for (Future<?> join : done) {
                join.get();
            }
            threads.shutdown();
            long burstMillis = (System.nanoTime() - started) / 1_000_000;

            int mentions = 0;
            long quietSince = System.nanoTime();
            PGConnection pg = listener.unwrap(PGConnection.class);
            while (System.nanoTime() - quietSince < 1_000_000_000L) {
                PGNotification[] notifications = pg.getNotifications(200);
                if (notifications != null) {
                    for (long id : QueueChangeListener.departments(notifications)) {
                        if (id == department.id()) {
                            mentions++;
                        }
                    }
                }
            }
            // One NOTIFY per 100 ms interval at most while the burst lasted, plus the last round.
            assertThat((long) mentions).isBetween(1L, burstMillis / 100 + 2).isLessThan((long) joins);
        }
    }

    @Test
    void payloadsStayUnderPostgresLimit() {
        List<Long> many =
                LongStream.rangeClosed(1_000_000_000L, 1_000_002_000L).boxed().toList();
        List<String> payloads = QueueChangeNotifier.payloads(many);
        assertThat(payloads)
                .hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(QueueChangeNotifier.MAX_PAYLOAD));
        assertThat(String.join(",", payloads).split(",")).hasSize(many.size());
    }
}
