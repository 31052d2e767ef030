package org.dqms.queue;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queue's own SQL: claiming the next token for a doctor, the call order and positions of a
 * department's waiting tokens, the priority streak and the inputs of wait estimates. The ordering
 * statements are {@link QueueOrder} written in SQL; keep them in step with it (PositionPropertyTest
 * checks that they agree).
 */
@Repository
class QueueRepository {

    // The department's priority streak (QueueOrder) as a scalar subquery: its latest calls of
    // PRIORITY and NORMAL tokens, newest first, and how many PRIORITY ones lead before the first
    // NORMAL one. Calls at the same instant (a fixed clock, two doctors at once) are ordered by their
    // line in the history; the lower bound on called_at (the streakLimit-th newest call) keeps that
    // to a few rows of the index token_recent_calls. %1$s is the department's id.
    private static final String STREAK_OF = """
            (SELECT coalesce(min(c.n) FILTER (WHERE c.priority = 'NORMAL') - 1, count(*))
               FROM (SELECT r.priority, row_number() OVER (ORDER BY r.called_at DESC, r.call_line DESC) AS n
                       FROM (SELECT t.priority, t.called_at,
                                    (SELECT max(h.id) FROM dqms.token_history h
                                      WHERE h.token_id = t.id AND h.to_status = 'CALLED') AS call_line
                               FROM dqms.token t
                              WHERE t.department_id = %1$s
                                AND t.call_reason IS NOT NULL AND t.priority <> 'EMERGENCY'
                                AND t.called_at >= coalesce(
                                        (SELECT b.called_at FROM dqms.token b
                                          WHERE b.department_id = %1$s
                                            AND b.call_reason IS NOT NULL AND b.priority <> 'EMERGENCY'
                                          ORDER BY b.called_at DESC
                                          OFFSET :streakLimit - 1 LIMIT 1),
                                        '-infinity')
                              ORDER BY t.called_at DESC, call_line DESC
                              LIMIT :streakLimit) r) c)""";

    private static final String STREAK = "SELECT " + STREAK_OF.formatted(":departmentId");

    // The first token of one class, by arrival, that the doctor may call and no other call holds,
    // locked: the token_waiting index gives the order, so nothing is sorted when %1$s names one
    // department. %2$s is the class. FOR NO KEY UPDATE, the lock an UPDATE of the token takes
    // itself, skips only tokens other calls or transitions hold: FOR UPDATE would also skip a token
    // that a row being written refers to (the wait quoted after its join takes FOR KEY SHARE on it),
    // and call the next patient instead.
    private static final String FIRST_OF_CLASS = """
            (SELECT t.id FROM dqms.token t
              WHERE %1$s AND t.status = 'WAITING' AND %2$s
                AND (t.preferred_doctor_id IS NULL OR t.preferred_doctor_id = :doctorId)
              ORDER BY t.joined_at, t.id
              LIMIT 1
              FOR NO KEY UPDATE OF t SKIP LOCKED)""";

    // One statement reads each department's streak, picks the one NORMAL token a streak at its limit
    // lets through (the earliest), and locks the token to call, all in one snapshot: two doctors
    // calling at once never both let a normal through. The classes in call order (QueueOrder):
    // emergency, overdue normal, that one normal, priority, normal. coalesce evaluates them in turn
    // and stops at the first that finds a token, so only the token called is locked, and a class
    // whose tokens other calls hold all gives way to the next, as one sorted scan with SKIP LOCKED
    // would. Tokens that prefer another doctor are no candidates. The outer lock reads the
    // token as last committed. %3$s to %7$s are the classes' scans (FIRST_OF_CLASS).
    private static final String CLAIM = """
            WITH streaks AS MATERIALIZED (
                SELECT dep.id AS department_id, %1$s AS streak
                  FROM unnest(:departmentIds) AS dep (id)
            ), slots AS MATERIALIZED (
                SELECT s.department_id, s.streak,
                       CASE WHEN s.streak >= :streakLimit THEN
                           (SELECT n.id FROM dqms.token n
                             WHERE n.department_id = s.department_id AND n.status = 'WAITING'
                               AND n.priority_rank = 2
                               AND (n.preferred_doctor_id IS NULL OR n.preferred_doctor_id = :doctorId)
                             ORDER BY n.joined_at, n.id
                             LIMIT 1)
                       END AS normal_id
                  FROM streaks s
            ), next AS (
                SELECT coalesce(%3$s, %4$s, %5$s, %6$s, %7$s) AS id
            )
            SELECT s.streak, %2$s
              FROM next n
              JOIN dqms.token t ON t.id = n.id
              JOIN dqms.department d ON d.id = t.department_id
              JOIN slots s ON s.department_id = t.department_id
               FOR NO KEY UPDATE OF t
            """;

    private static String claimIn(String departments) {
        return CLAIM.formatted(
                STREAK_OF.formatted("dep.id"),
                TokenRepository.COLUMNS,
                FIRST_OF_CLASS.formatted(departments, "t.priority_rank = 0"),
                FIRST_OF_CLASS.formatted(departments, "t.priority_rank = 2 AND t.joined_at <= :overdueBefore"),
                FIRST_OF_CLASS.formatted(departments, "t.id IN (SELECT s.normal_id FROM slots s)"),
                FIRST_OF_CLASS.formatted(departments, "t.priority_rank = 1"),
                FIRST_OF_CLASS.formatted(departments, "t.priority_rank = 2"));
    }

    // The claim's plan suits every doctor and queue: a few index entries per class. PostgreSQL's plan
    // cache compares the estimates of a plan for any parameters with those for the actual ones,
    // finds the former dearer (it cannot know that LIMIT :streakLimit is small) and would plan the
    // claim anew on every call, about 1 ms each time. The same holds for the read of a department's
    // queue (about 0.5 ms to plan, with the same plan each time). The rest of the transaction keeps
    // to plans made once per connection.
    private static final String GENERIC_PLANS = "SET LOCAL plan_cache_mode = force_generic_plan";

    // A doctor of one department: each class is read in index order.
    private static final String CLAIM_NEXT_IN_DEPARTMENT = claimIn("t.department_id = :departmentId");

    // A doctor of several departments: each class is sorted across them.
    private static final String CLAIM_NEXT_ACROSS_DEPARTMENTS = claimIn("t.department_id = ANY(:departmentIds)");

    private static final String PRIORITY_WAITING = """
            SELECT EXISTS (SELECT 1 FROM dqms.token t
                            WHERE t.status = 'WAITING' AND t.priority_rank = 1
                              AND t.department_id = ANY(:departmentIds)
                              AND (t.preferred_doctor_id IS NULL OR t.preferred_doctor_id = :doctorId))
            """;

    // The class of a waiting token t: 0 emergency, 1 overdue normal, 2 priority, 3 other normal.
    private static final String CLASS_OF = """
            CASE WHEN t.priority_rank = 0 THEN 0
                 WHEN t.priority_rank = 1 THEN 2
                 WHEN t.joined_at <= :overdueBefore THEN 1
                 ELSE 3 END""";

    // How many are ahead of the token c (class, idx, and its department's emergencies, overdue,
    // priorities and normals) given f.first: QueueOrder.order in closed form. idx is the token's
    // place within its class by arrival. Emergencies go first, then overdue normals; then the first
    // other normal follows `first` priorities (the rest of the streak), and each further normal
    // follows streakLimit more priorities, until either kind runs out.
    private static final String AHEAD_OF = """
            CASE c.class
              WHEN 0 THEN c.idx
              WHEN 1 THEN c.emergencies + c.idx
              WHEN 2 THEN c.emergencies + c.overdue + c.idx
                   + LEAST(c.normals,
                           CASE WHEN c.idx >= f.first THEN (c.idx - f.first) / :streakLimit + 1
                                ELSE 0 END)
              ELSE c.emergencies + c.overdue + c.idx + LEAST(c.priorities, f.first + c.idx * :streakLimit)
            END""";

    // The rest of the streak a normal token may still wait for: all of it while normals are overdue.
    private static final String FIRST = """
            CROSS JOIN LATERAL (
                  SELECT CASE WHEN c.overdue > 0 THEN :streakLimit
                              ELSE GREATEST(:streakLimit - s.value, 0) END AS first
                    FROM streak s) f""";

    private static final String STREAK_CTE =
            "streak AS MATERIALIZED (SELECT " + STREAK_OF.formatted(":departmentId") + " AS value)";

    // Every waiting token of the department placed in call order; the streak is read in the same
    // statement.
    private static final String QUEUE = """
            WITH %s, waiting AS (
                SELECT t.id, t.number, t.priority, t.preferred_doctor_id, t.joined_at, %s AS class
                  FROM dqms.token t
                 WHERE t.department_id = :departmentId AND t.status = 'WAITING'
            ), counted AS (
                SELECT w.*,
                       row_number() OVER (PARTITION BY w.class ORDER BY w.joined_at, w.id) - 1 AS idx,
                       count(*) FILTER (WHERE w.class = 0) OVER () AS emergencies,
                       count(*) FILTER (WHERE w.class = 1) OVER () AS overdue,
                       count(*) FILTER (WHERE w.class = 2) OVER () AS priorities,
                       count(*) FILTER (WHERE w.class = 3) OVER () AS normals
                  FROM waiting w
            )
            SELECT c.id, c.number, c.priority, c.preferred_doctor_id, c.joined_at, %s AS ahead,
                   (SELECT s.value FROM streak s) AS streak
              FROM counted c
              %s
             ORDER BY ahead
            """.formatted(STREAK_CTE, CLASS_OF, AHEAD_OF, FIRST);

    // One token's place without ranking the queue: one pass counts each class and the token's own
    // class-mates before it, and the same formula places it. No row unless it waits in the department.
    private static final String AHEAD = """
            WITH %s, waiting AS (
                SELECT t.id, t.joined_at, %s AS class
                  FROM dqms.token t
                 WHERE t.department_id = :departmentId AND t.status = 'WAITING'
            ), mine AS (
                SELECT w.id, w.joined_at, w.class FROM waiting w WHERE w.id = :tokenId
            ), c AS (
                SELECT m.class,
                       count(*) FILTER (WHERE w.class = m.class AND (w.joined_at, w.id) < (m.joined_at, m.id)) AS idx,
                       count(*) FILTER (WHERE w.class = 0) AS emergencies,
                       count(*) FILTER (WHERE w.class = 1) AS overdue,
                       count(*) FILTER (WHERE w.class = 2) AS priorities,
                       count(*) FILTER (WHERE w.class = 3) AS normals
                  FROM mine m
                 CROSS JOIN waiting w
                 GROUP BY m.class
            )
            SELECT %s AS ahead
              FROM c
              %s
            """.formatted(STREAK_CTE, CLASS_OF, AHEAD_OF, FIRST);

    private static final String ACTIVE_TOKEN_OF_DOCTOR = """
            SELECT t.id FROM dqms.token t
             WHERE t.doctor_id = :doctorId AND t.status IN ('CALLED', 'IN_CONSULTATION')
            """;

    // The partial index token_one_active_per_doctor covers status = 'CALLED'.
    private static final String CALLED_BEFORE = """
            SELECT t.id FROM dqms.token t
             WHERE t.status = 'CALLED' AND t.called_at <= :calledBefore
             ORDER BY t.called_at, t.id
             LIMIT :limit
            """;

    // The estimate's inputs from the department's tokens, in one statement: the minutes of its latest
    // completed consultations since a date, newest first, and for each patient called or with a
    // doctor the minutes already spent there (0 for those called but not yet in).
    private static final String SERVICE_TIMES = """
            SELECT ARRAY(SELECT extract(epoch FROM (t.completed_at - t.started_at)) / 60.0
                           FROM dqms.token t
                          WHERE t.department_id = :departmentId AND t.service_date >= :since
                            AND t.completed_at IS NOT NULL AND t.started_at IS NOT NULL
                          ORDER BY t.completed_at DESC, t.id DESC
                          LIMIT :limit) AS recent,
                   ARRAY(SELECT CASE WHEN t.started_at IS NULL THEN 0
                                     ELSE greatest(extract(epoch FROM (:now - t.started_at)) / 60.0, 0) END
                           FROM dqms.token t
                          WHERE t.department_id = :departmentId
                            AND t.status IN ('CALLED', 'IN_CONSULTATION')) AS spent
            """;

    /** A waiting token in the department's call order. */
    record Queued(long id, int number, Priority priority, Long preferredDoctorId, Instant joinedAt, int ahead) {}

    private final JdbcClient jdbc;

    QueueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The token a doctor calls next, locked, and the priority streak of its department. */
    record Claimed(Token token, int streak) {}

    /**
     * Locks and returns the token the doctor calls next, or empty if none is waiting for them. Runs in
     * the caller's transaction, whose statements it sets to use generic plans.
     *
     * @param departmentIds the departments the doctor serves
     */
    Optional<Claimed> claimNext(long doctorId, Collection<Long> departmentIds, int streakLimit, Instant overdueBefore) {
        if (departmentIds.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql(GENERIC_PLANS).update();
        return departmentIds.size() == 1
                ? claimWith(CLAIM_NEXT_IN_DEPARTMENT, doctorId, departmentIds, streakLimit, overdueBefore)
                : claimWith(CLAIM_NEXT_ACROSS_DEPARTMENTS, doctorId, departmentIds, streakLimit, overdueBefore);
    }

    private Optional<Claimed> claimWith(String sql, long doctor, Collection<Long> departments, int limit, Instant due) {
        return jdbc.sql(sql)
                .param("doctorId", doctor)
                .param("departmentIds", departments.toArray(Long[]::new))
                .param("departmentId", departments.iterator().next())
                .param("streakLimit", limit)
                .param("overdueBefore", TokenRepository.timestamp(due))
                .query((rows, n) -> new Claimed(TokenRepository.token(rows, n), rows.getInt("streak")))
                .optional();
    }

    /** Whether a PRIORITY token is waiting among the doctor's candidates. */
    boolean priorityWaiting(long doctorId, Collection<Long> departmentIds) {
        return jdbc.sql(PRIORITY_WAITING)
                .param("doctorId", doctorId)
                .param("departmentIds", departmentIds.toArray(Long[]::new))
                .query(Boolean.class)
                .single();
    }

    /** The department's priority streak (see {@link QueueOrder}), counted up to {@code limit}. */
    int streak(long departmentId, int limit) {
        return jdbc.sql(STREAK)
                .param("departmentId", departmentId)
                .param("streakLimit", limit)
                .query(Integer.class)
                .single();
    }

    /**
     * The department's waiting tokens in call order, and the priority streak the order follows (0
     * when nobody waits: it then orders nothing). Runs in the caller's transaction, whose statements
     * it sets to use generic plans.
     */
    CallOrder queue(long departmentId, Instant overdueBefore, int streakLimit) {
        jdbc.sql(GENERIC_PLANS).update();
        return jdbc.sql(QUEUE)
                .param("departmentId", departmentId)
                .param("overdueBefore", TokenRepository.timestamp(overdueBefore))
                .param("streakLimit", streakLimit)
                .query(rows -> {
                    int streak = 0;
                    List<Queued> waiting = new ArrayList<>();
                    while (rows.next()) {
                        streak = rows.getInt("streak");
                        waiting.add(queued(rows, waiting.size()));
                    }
                    return new CallOrder(streak, waiting);
                });
    }

    record CallOrder(int streak, List<Queued> waiting) {}

    /** How many tokens will be called before this one; empty unless it is waiting in that department. */
    Optional<Integer> ahead(long tokenId, long departmentId, Instant overdueBefore, int streakLimit) {
        return jdbc.sql(AHEAD)
                .param("tokenId", tokenId)
                .param("departmentId", departmentId)
                .param("overdueBefore", TokenRepository.timestamp(overdueBefore))
                .param("streakLimit", streakLimit)
                .query(Integer.class)
                .optional();
    }

    /** The token the doctor has called or is seeing, if any. */
    Optional<Long> activeTokenOf(long doctorId) {
        return jdbc.sql(ACTIVE_TOKEN_OF_DOCTOR)
                .param("doctorId", doctorId)
                .query(Long.class)
                .optional();
    }

    /** CALLED tokens called at or before the given time, oldest call first. */
    List<Long> calledBefore(Instant calledBefore, int limit) {
        return jdbc.sql(CALLED_BEFORE)
                .param("calledBefore", TokenRepository.timestamp(calledBefore))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /**
     * @param recentMinutes the latest completed consultations' minutes, oldest first
     * @param minutesSpent for each patient called or with a doctor, the minutes spent there
     */
    record ServiceTimes(List<Double> recentMinutes, List<Double> minutesSpent) {}

    /** The department's recent consultation times since that date (at most limit) and those under way. */
    ServiceTimes serviceTimes(long departmentId, LocalDate since, int limit, Instant now) {
        return jdbc.sql(SERVICE_TIMES)
                .param("departmentId", departmentId)
                .param("since", since)
                .param("limit", limit)
                .param("now", TokenRepository.timestamp(now))
                .query((rows, n) -> {
                    List<Double> recent = minutes(rows.getArray("recent"));
                    Collections.reverse(recent);
                    return new ServiceTimes(recent, minutes(rows.getArray("spent")));
                })
                .single();
    }

    private static List<Double> minutes(Array array) throws SQLException {
        List<Double> minutes = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            minutes.add(((Number) value).doubleValue());
        }
        array.free();
        return minutes;
    }

    private static Queued queued(ResultSet rows, int rowNumber) throws SQLException {
        return new Queued(
                rows.getLong("id"),
                rows.getInt("number"),
                Priority.valueOf(rows.getString("priority")),
                (Long) rows.getObject("preferred_doctor_id"),
                rows.getTimestamp("joined_at").toInstant(),
                rows.getInt("ahead"));
    }
}
