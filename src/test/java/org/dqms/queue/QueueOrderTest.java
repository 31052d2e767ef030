package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dqms.queue.Priority.EMERGENCY;
import static org.dqms.queue.Priority.NORMAL;
import static org.dqms.queue.Priority.PRIORITY;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dqms.queue.QueueOrder.Placed;
import org.dqms.queue.QueueOrder.Waiting;
import org.junit.jupiter.api.Test;

/** The fair order as a pure function: one test per rule. */
class QueueOrderTest {

    private static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");
    private static final QueueOrder ORDER = new QueueOrder(Duration.ofMinutes(60), 3);

    @Test
    void emergencyGoesBeforeEveryone() {
        List<Waiting> waiting =
                List.of(token(1, NORMAL, 90), token(2, PRIORITY, 50), token(3, EMERGENCY, 2), token(4, EMERGENCY, 1));

        assertThat(ids(ORDER.order(waiting, NOW, 3))).startsWith(3L, 4L);
        assertThat(ORDER.order(waiting, NOW, 3).get(0).reason()).isEqualTo(CallReason.EMERGENCY);
    }

    @Test
    void priorityGoesBeforeNormalInArrivalOrderWithinEach() {
        List<Waiting> waiting =
                List.of(token(1, NORMAL, 30), token(2, PRIORITY, 10), token(3, NORMAL, 20), token(4, PRIORITY, 5));

        List<Placed> order = ORDER.order(waiting, NOW, 0);

        assertThat(ids(order)).containsExactly(2L, 4L, 1L, 3L);
        assertThat(order)
                .extracting(Placed::reason)
                .containsExactly(
                        CallReason.PRIORITY, CallReason.PRIORITY, CallReason.ARRIVAL_ORDER, CallReason.ARRIVAL_ORDER);
    }

    @Test
    void aNormalGoesAfterThreePrioritiesInARow() {
        List<Waiting> waiting = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            waiting.add(token(i, PRIORITY, 40 - i));
        }
        waiting.add(token(100, NORMAL, 50));
        waiting.add(token(101, NORMAL, 45));

        List<Placed> order = ORDER.order(waiting, NOW, 0);

        assertThat(ids(order)).containsExactly(1L, 2L, 3L, 100L, 4L, 5L, 6L, 101L, 7L);
        assertThat(order.get(3).reason()).isEqualTo(CallReason.PRIORITY_STREAK_LIMIT);
        assertThat(order.get(7).reason()).isEqualTo(CallReason.PRIORITY_STREAK_LIMIT);
    }

    @Test
    void theStreakSoFarCounts() {
        List<Waiting> waiting = List.of(token(1, PRIORITY, 20), token(2, PRIORITY, 19), token(3, NORMAL, 30));

        assertThat(ids(ORDER.order(waiting, NOW, 2))).containsExactly(1L, 3L, 2L);
        assertThat(ids(ORDER.order(waiting, NOW, 3))).containsExactly(3L, 1L, 2L);
        assertThat(ids(ORDER.order(waiting, NOW, 0))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aNormalWaitingTheMaximumGoesBeforePriorities() {
        List<Waiting> waiting = List.of(token(1, PRIORITY, 10), token(2, NORMAL, 60), token(3, NORMAL, 59));

        List<Placed> order = ORDER.order(waiting, NOW, 0);

        assertThat(ids(order)).containsExactly(2L, 1L, 3L);
        assertThat(order.get(0).reason()).isEqualTo(CallReason.MAX_WAIT_REACHED);
    }

    @Test
    void anOverdueNormalStillWaitsForEmergencies() {
        List<Waiting> waiting = List.of(token(1, NORMAL, 120), token(2, EMERGENCY, 1));

        assertThat(ids(ORDER.order(waiting, NOW, 0))).containsExactly(2L, 1L);
    }

    @Test
    void emergenciesNeitherCountTowardsNorBreakTheStreak() {
        assertThat(QueueOrder.streakAfter(2, EMERGENCY)).isEqualTo(2);
        assertThat(QueueOrder.streakAfter(2, PRIORITY)).isEqualTo(3);
        assertThat(QueueOrder.streakAfter(2, NORMAL)).isZero();
    }

    @Test
    void sameArrivalIsOrderedById() {
        List<Waiting> waiting = List.of(token(9, NORMAL, 5), token(4, NORMAL, 5));

        assertThat(ids(ORDER.order(waiting, NOW, 0))).containsExactly(4L, 9L);
    }

    @Test
    void withoutPrioritiesNormalsGoByArrivalEvenAtTheStreakLimit() {
        List<Placed> order = ORDER.order(List.of(token(1, NORMAL, 5)), NOW, 3);

        assertThat(order).singleElement().extracting(Placed::reason).isEqualTo(CallReason.ARRIVAL_ORDER);
    }

    @Test
    void positionsCountFromOne() {
        List<Placed> order = ORDER.order(List.of(token(1, NORMAL, 5), token(2, NORMAL, 4)), NOW, 0);

        assertThat(order).extracting(Placed::position).containsExactly(1, 2);
        assertThat(order).extracting(Placed::ahead).containsExactly(0, 1);
    }

    private static Waiting token(long id, Priority priority, int minutesWaited) {
        return new Waiting(id, priority, NOW.minus(Duration.ofMinutes(minutesWaited)));
    }

    private static List<Long> ids(List<Placed> order) {
        return order.stream().map(p -> p.token().id()).toList();
    }
}
