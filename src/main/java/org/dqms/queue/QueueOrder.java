package org.dqms.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The fair order in which a department's waiting tokens are called. This class is the rule written
 * as a pure function; {@link QueueRepository} runs the same rule as SQL, for call-next (one claim)
 * and for positions (the whole queue), and the tests check that the two agree.
 *
 * <p>The rule, for the WAITING tokens of one department at the moment {@code now}:
 *
 * <ol>
 *   <li>EMERGENCY tokens first, in arrival order (reason {@link CallReason#EMERGENCY}).
 *   <li>Then NORMAL tokens that have waited at least {@code maxWait} ({@code joinedAt + maxWait <=
 *       now}), in arrival order ({@link CallReason#MAX_WAIT_REACHED}). They go before PRIORITY
 *       tokens.
 *   <li>Then PRIORITY tokens in arrival order ({@link CallReason#PRIORITY}), except that whenever the
 *       department's priority streak has reached {@code priorityStreakLimit} and a NORMAL token is
 *       waiting, the earliest NORMAL token goes next ({@link CallReason#PRIORITY_STREAK_LIMIT}).
 *   <li>When no PRIORITY token is left, the NORMAL tokens in arrival order ({@link
 *       CallReason#ARRIVAL_ORDER}).
 * </ol>
 *
 * "Arrival order" is {@code joinedAt}, then the token id. A recalled token keeps its {@code
 * joinedAt}, so it keeps its place.
 *
 * <p>The <b>priority streak</b> of a department is the number of PRIORITY tokens called in a row,
 * counted back from the department's latest call to its latest call of a NORMAL token. Calling a
 * NORMAL token, for any reason (an out-of-order call too), resets it to 0; calling a PRIORITY token
 * adds 1; calling an EMERGENCY token leaves it as it is, since emergencies are not a choice between
 * priority and normal patients. The calls are read from the tokens themselves ({@code call_reason},
 * {@code called_at}; a recalled token's call no longer counts), so the streak needs no row of its
 * own.
 *
 * <p>Call-next gives each candidate token an <em>effective rank</em>: 0 emergency, 1 overdue normal,
 * 2 the earliest NORMAL of a department whose streak has reached the limit, 3 priority, 4 normal; the
 * doctor takes the lowest rank, then the earliest arrival. For one department that is exactly the
 * order above; for a doctor who serves several, each token is ranked by its own department's streak.
 * The streaks, that one normal and the claim are read in one statement, so two doctors calling at the
 * same instant never both let a normal through; they may both call a priority, so under concurrency a
 * streak can pass the limit by the number of other doctors calling at that instant.
 */
final class QueueOrder {

    /** A waiting token as the rule sees it. */
    record Waiting(long id, Priority priority, Instant joinedAt) {}

    /** A token's place in the call order: 1 is next. */
    record Placed(Waiting token, int position, CallReason reason) {
        int ahead() {
            return position - 1;
        }
    }

    static final Comparator<Waiting> ARRIVAL =
            Comparator.comparing(Waiting::joinedAt).thenComparingLong(Waiting::id);

    private final Duration maxWait;
    private final int priorityStreakLimit;

    QueueOrder(Duration maxWait, int priorityStreakLimit) {
        if (priorityStreakLimit < 1) {
            throw new IllegalArgumentException("priorityStreakLimit must be at least 1");
        }
        this.maxWait = maxWait;
        this.priorityStreakLimit = priorityStreakLimit;
    }

    static QueueOrder of(QueueSettings settings) {
        return new QueueOrder(settings.maxWait(), settings.priorityStreakLimit());
    }

    Duration maxWait() {
        return maxWait;
    }

    int priorityStreakLimit() {
        return priorityStreakLimit;
    }

    /** Whether a NORMAL token that joined then has waited long enough to go before priority ones. */
    boolean overdue(Instant joinedAt, Instant now) {
        return !joinedAt.plus(maxWait).isAfter(now);
    }

    /** The streak after calling a token of this priority. */
    static int streakAfter(int streak, Priority called) {
        return switch (called) {
            case EMERGENCY -> streak;
            case PRIORITY -> streak + 1;
            case NORMAL -> 0;
        };
    }

    /**
     * Why the chosen token is called, given whether a PRIORITY token was among the other candidates.
     */
    CallReason reason(Priority priority, Instant joinedAt, Instant now, int departmentStreak, boolean priorityWaiting) {
        return switch (priority) {
            case EMERGENCY -> CallReason.EMERGENCY;
            case PRIORITY -> CallReason.PRIORITY;
            case NORMAL -> {
                if (overdue(joinedAt, now)) {
                    yield CallReason.MAX_WAIT_REACHED;
                }
                yield priorityWaiting && departmentStreak >= priorityStreakLimit
                        ? CallReason.PRIORITY_STREAK_LIMIT
                        : CallReason.ARRIVAL_ORDER;
            }
        };
    }

    /**
     * The department's waiting tokens in the order they will be called, if nobody joins, nobody
     * leaves and the time stays {@code now}.
     *
     * @param streak the department's priority streak before the next call
     */
    List<Placed> order(List<Waiting> waiting, Instant now, int streak) {
        Deque<Waiting> emergencies = queue(waiting, Priority.EMERGENCY);
        Deque<Waiting> priorities = queue(waiting, Priority.PRIORITY);
        Deque<Waiting> normals = queue(waiting, Priority.NORMAL);
        List<Placed> order = new ArrayList<>(waiting.size());
        int currentStreak = streak;
        while (!emergencies.isEmpty() || !priorities.isEmpty() || !normals.isEmpty()) {
            Waiting next;
            CallReason reason;
            if (!emergencies.isEmpty()) {
                next = emergencies.poll();
                reason = CallReason.EMERGENCY;
            } else if (!normals.isEmpty() && overdue(normals.peek().joinedAt(), now)) {
                next = normals.poll();
                reason = CallReason.MAX_WAIT_REACHED;
            } else if (!normals.isEmpty() && !priorities.isEmpty() && currentStreak >= priorityStreakLimit) {
                next = normals.poll();
                reason = CallReason.PRIORITY_STREAK_LIMIT;
            } else if (!priorities.isEmpty()) {
                next = priorities.poll();
                reason = CallReason.PRIORITY;
            } else {
                next = normals.poll();
                reason = CallReason.ARRIVAL_ORDER;
            }
            currentStreak = streakAfter(currentStreak, next.priority());
            order.add(new Placed(next, order.size() + 1, reason));
        }
        return order;
    }

    private static Deque<Waiting> queue(List<Waiting> waiting, Priority priority) {
        return waiting.stream()
                .filter(w -> w.priority() == priority)
                .sorted(ARRIVAL)
                .collect(ArrayDeque::new, ArrayDeque::add, ArrayDeque::addAll);
    }
}
