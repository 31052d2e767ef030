package org.dqms.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.testing.EventStream;
import org.dqms.testing.EventStream.Event;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A department's boards turn closed at its closing time and open at its opening time, with nothing
 * written then: the instance reads the department again at those moments. Before, a board said
 * "open" after closing time until something else changed.
 */
@IntegrationTest
class OpenStateByTheClockTest {

    /** From the moment to the event: the sender's read and the network, with room for a busy machine. */
    static final Duration TURNS_WITHIN = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void boardStreamTurnsClosedAtTheClosingTimeAndOpenAtTheOpeningTime() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department(Hospital.zoneAwayFromMidnight());
        URI uri = URI.create("http://localhost:" + port + "/api/v1/live/departments/" + department.id());
        try (EventStream board = EventStream.open(uri)) {
            closeBrieflyAndWatch(hospital, department, List.of(board));
        }
    }

    /**
     * Once every board says open, sets the department's hours to close a few seconds ahead and open
     * a few seconds later, and checks that every board says closed, then open, at those moments.
     */
    static void closeBrieflyAndWatch(Hospital hospital, Department department, List<EventStream> boards) {
        for (EventStream board : boards) {
            assertThat(LiveApi.data(board.await(e -> e.name().equals("queue"), Duration.ofSeconds(5)))
                            .get("open")
                            .asBoolean())
                    .isTrue();
        }
        Instant closes = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        Instant opens = closes.plusSeconds(3);
        hospital.closeBetween(department, closes, opens);

        List<Event> closed = boards.stream()
                .map(board -> board.await(e -> e.data().contains("\"open\":false"), until(closes)))
                .toList();
        assertThat(Instant.now()).isBetween(closes, closes.plus(TURNS_WITHIN));

        for (int i = 0; i < boards.size(); i++) {
            EventStream board = boards.get(i);
            Event before = closed.get(i);
            board.await(
                    e -> e.data().contains("\"open\":true")
                            && board.events().indexOf(e) > board.events().indexOf(before),
                    until(opens));
        }
        assertThat(Instant.now()).isBetween(opens, opens.plus(TURNS_WITHIN));
    }

    private static Duration until(Instant moment) {
        return Duration.between(Instant.now(), moment).plus(TURNS_WITHIN);
    }
}
