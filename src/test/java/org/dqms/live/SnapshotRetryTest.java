package org.dqms.live;

import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.dqms.database.DirectSessions;
import org.dqms.department.Department;
import org.dqms.testing.EventStream;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A department whose snapshot cannot be read when it changes (here the doctors' table is locked
 * past the pool's lock timeout): its boards get the change once the database answers again, without
 * waiting for another change. Before, the read was dropped and the boards stood still.
 */
@IntegrationTest
class SnapshotRetryTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DirectSessions sessions;

    @Autowired
    LiveHub hub;

    @Test
    void aChangeWhoseSnapshotFailedReachesTheBoardsOnceTheDatabaseAnswers() throws Exception {
        Department department = new Hospital(context).department();
        URI uri = URI.create("http://localhost:" + port + "/api/v1/live/departments/" + department.id());
        try (EventStream board = EventStream.open(uri);
                Connection locker = sessions.open("test-lock")) {
            board.await(e -> e.name().equals("queue"), Duration.ofSeconds(5));
            String renamed = "Renamed " + department.prefix().value();
            try (Statement update = locker.createStatement()) {
                // Changed without a notification: only a new read of the department shows it.
                update.execute("UPDATE dqms.department SET name = '" + renamed + "' WHERE id = " + department.id());
            }

            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE dqms.doctor IN ACCESS EXCLUSIVE MODE");
            }
            hub.changed(List.of(department.id()));
            // The read waits for the lock until the pool's lock timeout (5 s) and fails.
            Thread.sleep(6_000);
            locker.commit();

            board.await(
                    e -> e.name().equals("queue") && e.data().contains("\"departmentName\":\"" + renamed + "\""),
                    Duration.ofSeconds(10));
        }
    }
}
