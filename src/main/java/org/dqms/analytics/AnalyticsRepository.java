package org.dqms.analytics;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.dqms.analytics.DepartmentAnalytics.DoctorUtilisation;
import org.dqms.analytics.DepartmentAnalytics.EstimateAccuracy;
import org.dqms.analytics.DepartmentAnalytics.HourCell;
import org.dqms.analytics.DepartmentAnalytics.Minutes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read-only figures over the queue's tables; every statement is limited to one department and date range. */
@Repository
class AnalyticsRepository {

    /** Rows the driver fetches at a time while a CSV streams, instead of the whole result at once. */
    private static final int EXPORT_FETCH_SIZE = 500;

    private static final String DEPARTMENT_EXISTS = """
            SELECT count(*) FROM dqms.department WHERE id = :departmentId
            """;

    private static final String ISSUED_BY_CHANNEL = """
            SELECT t.channel AS name, count(*) AS tokens
              FROM dqms.token t
             WHERE t.department_id = :departmentId AND t.service_date BETWEEN :from AND :to
               AND (CAST(:doctorId AS bigint) IS NULL OR t.doctor_id = :doctorId)
             GROUP BY t.channel
            """;

    private static final String BY_STATUS = """
            SELECT t.status AS name, count(*) AS tokens
              FROM dqms.token t
             WHERE t.department_id = :departmentId AND t.service_date BETWEEN :from AND :to
               AND (CAST(:doctorId AS bigint) IS NULL OR t.doctor_id = :doctorId)
             GROUP BY t.status
            """;

    // Aggregates skip nulls, so a token never called adds nothing to the waits, and one never
    // started or completed nothing to the consultations. A wait is measured from the earlier of
    // joining and the call, as in every statement here: an appointment checked in early joins at its
    // booked time, and a quiet queue may call it before then, which is no wait rather than a
    // negative one (WaitedMinutes on the screens). least() and not greatest(0, …): both skip a null,
    // and a token never called must stay without a wait.
    private static final String DURATIONS = """
            WITH span AS (
                SELECT CAST(EXTRACT(EPOCH FROM t.called_at - least(t.joined_at, t.called_at)) / 60
                            AS double precision) AS wait,
                       CAST(EXTRACT(EPOCH FROM t.completed_at - t.started_at) / 60 AS double precision)
                           AS consultation,
                       d.target_wait_minutes AS target
                  FROM dqms.token t
                  JOIN dqms.department d ON d.id = t.department_id
                 WHERE t.department_id = :departmentId AND t.service_date BETWEEN :from AND :to
               AND (CAST(:doctorId AS bigint) IS NULL OR t.doctor_id = :doctorId)
            )
            SELECT round(CAST(avg(wait) AS numeric), 1) AS wait_mean,
                   round(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY wait) AS numeric), 1) AS wait_median,
                   round(CAST(percentile_cont(0.9) WITHIN GROUP (ORDER BY wait) AS numeric), 1) AS wait_p90,
                   round(CAST(avg(consultation) AS numeric), 1) AS consultation_mean,
                   round(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY consultation) AS numeric), 1)
                       AS consultation_median,
                   round(CAST(percentile_cont(0.9) WITHIN GROUP (ORDER BY consultation) AS numeric), 1)
                       AS consultation_p90,
                   round(CAST(count(*) FILTER (WHERE wait <= target) AS numeric) / NULLIF(count(wait), 0), 3)
                       AS within_target
              FROM span
            """;

    // A completed consultation has completed_at, whatever the token's status: a patient referred
    // after it (Token.transfer) ends TRANSFERRED but was seen.
    private static final String THROUGHPUT = """
            SELECT CAST(EXTRACT(ISODOW FROM local_end) AS integer) AS weekday,
                   CAST(EXTRACT(HOUR FROM local_end) AS integer) AS hour,
                   count(*) AS completed
              FROM (SELECT t.completed_at AT TIME ZONE d.time_zone AS local_end
                      FROM dqms.token t
                      JOIN dqms.department d ON d.id = t.department_id
                     WHERE t.department_id = :departmentId AND t.service_date BETWEEN :from AND :to
               AND (CAST(:doctorId AS bigint) IS NULL OR t.doctor_id = :doctorId)
                       AND t.completed_at IS NOT NULL) AS completed_tokens
             GROUP BY 1, 2
             ORDER BY 1, 2
            """;

    // The quote given at joining is the token's first; later ones follow a transfer or a recall.
    private static final String ESTIMATE_ACCURACY = """
            WITH quoted AS (
                SELECT CAST(EXTRACT(EPOCH FROM t.called_at - least(t.joined_at, t.called_at)) / 60
                            AS double precision) AS wait,
                       q.likely_minutes, q.upper_minutes
                  FROM dqms.token t
                  JOIN LATERAL (SELECT wq.likely_minutes, wq.upper_minutes
                                  FROM dqms.wait_quote wq
                                 WHERE wq.token_id = t.id
                                 ORDER BY wq.id
                                 LIMIT 1) q ON true
                 WHERE t.department_id = :departmentId AND t.service_date BETWEEN :from AND :to
               AND (CAST(:doctorId AS bigint) IS NULL OR t.doctor_id = :doctorId)
                   AND t.called_at IS NOT NULL
            )
            SELECT round(CAST(avg(abs(wait - likely_minutes)) AS numeric), 1) AS mean_absolute_error,
                   round(CAST(count(*) FILTER (WHERE wait BETWEEN likely_minutes AND upper_minutes) AS numeric)
                         / NULLIF(count(*), 0), 3) AS within_range
              FROM quoted
            """;

    // The same figures as the dashboard's, one row per service date of the range, days without
    // tokens included (zeros and empty cells), for spreadsheets and BI tools. `completed` counts
    // consultations completed, as the throughput does, so a patient referred after theirs counts
    // there and under `transferred`, the status the token ended in; the other counts are statuses.
    private static final String DAILY = """
            WITH measured AS (
                SELECT t.service_date, t.status, t.completed_at,
                       CAST(EXTRACT(EPOCH FROM t.called_at - least(t.joined_at, t.called_at)) / 60
                            AS double precision) AS wait,
                       CAST(EXTRACT(EPOCH FROM t.completed_at - t.started_at) / 60 AS double precision)
                           AS consultation,
                       d.target_wait_minutes AS target, q.likely_minutes, q.upper_minutes
                  FROM dqms.token t
                  JOIN dqms.department d ON d.id = t.department_id
                  LEFT JOIN LATERAL (SELECT wq.likely_minutes, wq.upper_minutes
                                       FROM dqms.wait_quote wq
                                      WHERE wq.token_id = t.id
                                      ORDER BY wq.id
                                      LIMIT 1) q ON t.called_at IS NOT NULL
                 WHERE t.department_id = :departmentId AND t.service_date BETWEEN :from AND :to
                   AND (CAST(:doctorId AS bigint) IS NULL OR t.doctor_id = :doctorId)
            )
            SELECT CAST(day AS date) AS service_date,
                   count(m.service_date) AS issued,
                   count(m.completed_at) AS completed,
                   count(*) FILTER (WHERE m.status = 'NO_SHOW') AS no_show,
                   count(*) FILTER (WHERE m.status = 'CANCELLED') AS cancelled,
                   count(*) FILTER (WHERE m.status = 'EXPIRED') AS expired,
                   count(*) FILTER (WHERE m.status = 'TRANSFERRED') AS transferred,
                   round(CAST(avg(m.wait) AS numeric), 1) AS wait_mean,
                   round(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY m.wait) AS numeric), 1) AS wait_median,
                   round(CAST(percentile_cont(0.9) WITHIN GROUP (ORDER BY m.wait) AS numeric), 1) AS wait_p90,
                   round(CAST(avg(m.consultation) AS numeric), 1) AS consultation_mean,
                   round(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY m.consultation) AS numeric), 1)
                       AS consultation_median,
                   round(CAST(percentile_cont(0.9) WITHIN GROUP (ORDER BY m.consultation) AS numeric), 1)
                       AS consultation_p90,
                   round(CAST(count(*) FILTER (WHERE m.wait <= m.target) AS numeric) / NULLIF(count(m.wait), 0), 3)
                       AS within_target,
                   round(CAST(avg(abs(m.wait - m.likely_minutes)) AS numeric), 1) AS estimate_error,
                   round(CAST(count(*) FILTER (WHERE m.wait BETWEEN m.likely_minutes AND m.upper_minutes) AS numeric)
                         / NULLIF(count(*) FILTER (WHERE m.wait IS NOT NULL AND m.likely_minutes IS NOT NULL), 0), 3)
                       AS within_range
              FROM generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 day') AS day
              LEFT JOIN measured m ON m.service_date = CAST(day AS date)
             GROUP BY day
             ORDER BY day
            """;

    // Utilisation is over time, not service dates: the department's local days from the start of
    // `from` to the end of `to` as instants (a daylight-saving day is 23 or 25 hours long), with
    // each duty stretch and consultation cut to that window, an open one ending now. A doctor's
    // consultations count in every department they serve, as their duty does. The doctors are the
    // department's now and those who called its tokens of the range: one who has since left it is
    // still in the waits and throughput of those days, so here too. Membership has no history, so a
    // doctor who left without calling anyone there in the range is not found.
    private static final String UTILISATION = """
            WITH span AS (
                SELECT CAST(CAST(:from AS date) AS timestamp) AT TIME ZONE d.time_zone AS starts,
                       least(CAST(CAST(:to AS date) + 1 AS timestamp) AT TIME ZONE d.time_zone,
                             CAST(:now AS timestamptz)) AS ends
                  FROM dqms.department d
                 WHERE d.id = :departmentId
            ),
            serving AS (
                SELECT dd.doctor_id FROM dqms.doctor_department dd WHERE dd.department_id = :departmentId
                UNION
                SELECT t.doctor_id
                  FROM dqms.token t
                 WHERE t.department_id = :departmentId AND t.service_date BETWEEN :from AND :to
                   AND t.doctor_id IS NOT NULL
            )
            SELECT doc.id AS doctor_id, doc.name,
                   (SELECT coalesce(sum(greatest(0, EXTRACT(EPOCH FROM
                               least(coalesce(p.ended_at, s.ends), s.ends) - greatest(p.started_at, s.starts)))), 0)
                      FROM dqms.doctor_duty_period p
                     WHERE p.doctor_id = doc.id AND p.started_at < s.ends
                       AND (p.ended_at IS NULL OR p.ended_at > s.starts)) AS on_duty_seconds,
                   (SELECT coalesce(sum(greatest(0, EXTRACT(EPOCH FROM
                               least(coalesce(t.completed_at, t.ended_at, s.ends), s.ends)
                               - greatest(t.started_at, s.starts)))), 0)
                      FROM dqms.token t
                     WHERE t.doctor_id = doc.id AND t.started_at IS NOT NULL AND t.started_at < s.ends
                       AND coalesce(t.completed_at, t.ended_at, s.ends) > s.starts) AS consultation_seconds
              FROM dqms.doctor doc
             CROSS JOIN span s
             WHERE doc.id IN (SELECT doctor_id FROM serving)
               AND (CAST(:doctorId AS bigint) IS NULL OR doc.id = :doctorId)
             ORDER BY doc.name, doc.id
            """;

    private static final String TOKENS = """
            SELECT t.service_date, t.number, t.status, t.channel, t.priority,
                   t.joined_at AT TIME ZONE d.time_zone AS joined_local,
                   t.called_at AT TIME ZONE d.time_zone AS called_local,
                   t.started_at AT TIME ZONE d.time_zone AS started_local,
                   t.completed_at AT TIME ZONE d.time_zone AS completed_local,
                   round(CAST(EXTRACT(EPOCH FROM t.called_at - least(t.joined_at, t.called_at)) / 60
                              AS numeric), 1) AS wait_minutes,
                   round(CAST(EXTRACT(EPOCH FROM t.completed_at - t.started_at) / 60 AS numeric), 1)
                       AS consultation_minutes,
                   t.doctor_id
              FROM dqms.token t
              JOIN dqms.department d ON d.id = t.department_id
             WHERE t.department_id = :departmentId AND t.service_date BETWEEN :from AND :to
               AND (CAST(:doctorId AS bigint) IS NULL OR t.doctor_id = :doctorId)
             ORDER BY t.service_date, t.number
            """;

    /** One token as the CSV export lists it; times are local to the department. */
    record TokenRow(
            LocalDate serviceDate,
            int number,
            String status,
            String channel,
            String priority,
            LocalDateTime joined,
            LocalDateTime called,
            LocalDateTime started,
            LocalDateTime completed,
            BigDecimal waitMinutes,
            BigDecimal consultationMinutes,
            Long doctorId) {}

    /** The duration figures of {@link #DURATIONS}. */
    record Durations(Minutes waits, Minutes consultations, BigDecimal withinTargetShare) {}

    private final JdbcClient jdbc;
    private final JdbcClient export;

    AnalyticsRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(EXPORT_FETCH_SIZE);
        this.export = JdbcClient.create(streaming);
    }

    boolean departmentExists(long departmentId) {
        return jdbc.sql(DEPARTMENT_EXISTS)
                        .param("departmentId", departmentId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Map<String, Long> issuedByChannel(long departmentId, Long doctorId, DateRange range) {
        return counts(inRange(jdbc.sql(ISSUED_BY_CHANNEL), departmentId, doctorId, range));
    }

    Map<String, Long> byStatus(long departmentId, Long doctorId, DateRange range) {
        return counts(inRange(jdbc.sql(BY_STATUS), departmentId, doctorId, range));
    }

    Durations durations(long departmentId, Long doctorId, DateRange range) {
        return inRange(jdbc.sql(DURATIONS), departmentId, doctorId, range)
                .query((rows, n) -> new Durations(
                        minutes(rows, "wait"), minutes(rows, "consultation"), rows.getBigDecimal("within_target")))
                .single();
    }

    List<HourCell> throughput(long departmentId, Long doctorId, DateRange range) {
        return inRange(jdbc.sql(THROUGHPUT), departmentId, doctorId, range)
                .query((rows, n) ->
                        new HourCell(rows.getInt("weekday"), rows.getInt("hour"), rows.getLong("completed")))
                .list();
    }

    EstimateAccuracy estimateAccuracy(long departmentId, Long doctorId, DateRange range) {
        return inRange(jdbc.sql(ESTIMATE_ACCURACY), departmentId, doctorId, range)
                .query((rows, n) -> new EstimateAccuracy(
                        rows.getBigDecimal("mean_absolute_error"), rows.getBigDecimal("within_range")))
                .single();
    }

    List<DoctorUtilisation> utilisation(long departmentId, Long doctorId, DateRange range, Instant now) {
        return inRange(jdbc.sql(UTILISATION), departmentId, doctorId, range)
                .param("now", Timestamp.from(now))
                .query((rows, n) -> DoctorUtilisation.of(
                        rows.getLong("doctor_id"),
                        rows.getString("name"),
                        rows.getBigDecimal("on_duty_seconds"),
                        rows.getBigDecimal("consultation_seconds")))
                .list();
    }

    /** Hands each day of the range to {@code each}: its figures as CSV cells, in {@link #DAILY}'s order. */
    void eachDay(long departmentId, Long doctorId, DateRange range, Consumer<List<Object>> each) {
        inRange(jdbc.sql(DAILY), departmentId, doctorId, range).query((RowCallbackHandler) rows -> {
            List<Object> cells = new ArrayList<>();
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                cells.add(rows.getObject(column));
            }
            each.accept(cells);
        });
    }

    /**
     * Hands each token of the range to {@code each} as it is read. Needs the caller's transaction:
     * outside one the driver reads the whole result into memory before the first row.
     */
    void eachToken(long departmentId, Long doctorId, DateRange range, Consumer<TokenRow> each) {
        inRange(export.sql(TOKENS), departmentId, doctorId, range)
                .query((RowCallbackHandler) rows -> each.accept(tokenRow(rows)));
    }

    /** A statement's rows of {@code name} and {@code tokens}, as a map. */
    private static Map<String, Long> counts(JdbcClient.StatementSpec statement) {
        Map<String, Long> counts = new HashMap<>();
        statement.query(rows -> {
            counts.put(rows.getString("name"), rows.getLong("tokens"));
        });
        return counts;
    }

    private static JdbcClient.StatementSpec inRange(
            JdbcClient.StatementSpec spec, long departmentId, Long doctorId, DateRange range) {
        return spec.param("departmentId", departmentId)
                .param("doctorId", doctorId, java.sql.Types.BIGINT)
                .param("from", range.from())
                .param("to", range.to());
    }

    private static Minutes minutes(ResultSet rows, String prefix) throws SQLException {
        return new Minutes(
                rows.getBigDecimal(prefix + "_mean"),
                rows.getBigDecimal(prefix + "_median"),
                rows.getBigDecimal(prefix + "_p90"));
    }

    private static TokenRow tokenRow(ResultSet rows) throws SQLException {
        return new TokenRow(
                rows.getObject("service_date", LocalDate.class),
                rows.getInt("number"),
                rows.getString("status"),
                rows.getString("channel"),
                rows.getString("priority"),
                rows.getObject("joined_local", LocalDateTime.class),
                rows.getObject("called_local", LocalDateTime.class),
                rows.getObject("started_local", LocalDateTime.class),
                rows.getObject("completed_local", LocalDateTime.class),
                rows.getBigDecimal("wait_minutes"),
                rows.getBigDecimal("consultation_minutes"),
                rows.getObject("doctor_id", Long.class));
    }
}
