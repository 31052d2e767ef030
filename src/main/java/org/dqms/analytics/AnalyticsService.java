package org.dqms.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dqms.analytics.AnalyticsRepository.Durations;
import org.dqms.analytics.AnalyticsRepository.TokenRow;
import org.dqms.platform.NotFoundException;
import org.dqms.queue.Channel;
import org.dqms.queue.TokenStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The figures administrators read about a department's past, and its token history as CSV. */
@Service
class AnalyticsService {

    /** The statuses a token ends in; the active ones are still under way and are no outcome yet. */
    private static final List<TokenStatus> OUTCOMES = List.of(
            TokenStatus.COMPLETED,
            TokenStatus.NO_SHOW,
            TokenStatus.CANCELLED,
            TokenStatus.EXPIRED,
            TokenStatus.TRANSFERRED);

    static final List<String> CSV_HEADER = List.of(
            "service_date",
            "number",
            "status",
            "channel",
            "priority",
            "joined_at",
            "called_at",
            "started_at",
            "completed_at",
            "wait_minutes",
            "consultation_minutes",
            "doctor_id");

    static final List<String> DAILY_CSV_HEADER = List.of(
            "service_date",
            "issued",
            "completed",
            "no_show",
            "cancelled",
            "expired",
            "transferred",
            "wait_mean_minutes",
            "wait_median_minutes",
            "wait_p90_minutes",
            "consultation_mean_minutes",
            "consultation_median_minutes",
            "consultation_p90_minutes",
            "within_target_share",
            "estimate_error_minutes",
            "within_estimate_range_share");

    // Seconds always present, and no "T": the form spreadsheets read as a date and time.
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AnalyticsRepository repository;
    private final Clock clock;

    AnalyticsService(AnalyticsRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    DepartmentAnalytics department(long departmentId, Long doctorId, DateRange range) {
        requireDepartment(departmentId);
        Durations durations = repository.durations(departmentId, doctorId, range);
        return new DepartmentAnalytics(
                departmentId,
                range.from(),
                range.to(),
                everyOne(
                        Arrays.stream(Channel.values()).map(Channel::name).toList(),
                        repository.issuedByChannel(departmentId, doctorId, range)),
                everyOne(
                        OUTCOMES.stream().map(TokenStatus::name).toList(),
                        repository.byStatus(departmentId, doctorId, range)),
                durations.waits(),
                durations.consultations(),
                durations.withinTargetShare(),
                repository.throughput(departmentId, doctorId, range),
                repository.estimateAccuracy(departmentId, doctorId, range),
                repository.utilisation(departmentId, doctorId, range, clock.instant()));
    }

    /** Checked before a CSV response starts, while a 404 can still be sent. */
    @Transactional(readOnly = true)
    void requireDepartment(long departmentId) {
        if (!repository.departmentExists(departmentId)) {
            throw new NotFoundException("Department", departmentId);
        }
    }

    /**
     * Writes the header and one line per token as the rows arrive. The transaction stays open for
     * the whole download: the driver only fetches rows in batches inside one.
     */
    @Transactional(readOnly = true)
    void writeTokensCsv(long departmentId, Long doctorId, DateRange range, Writer out) {
        write(out, Csv.line(CSV_HEADER));
        repository.eachToken(departmentId, doctorId, range, row -> write(out, Csv.line(cells(row))));
    }

    /** The dashboard's figures, a line per day of the range. */
    @Transactional(readOnly = true)
    void writeDailyCsv(long departmentId, Long doctorId, DateRange range, Writer out) {
        write(out, Csv.line(DAILY_CSV_HEADER));
        repository.eachDay(departmentId, doctorId, range, cells -> write(out, Csv.line(cells)));
    }

    private static List<Object> cells(TokenRow row) {
        return Arrays.asList(
                row.serviceDate(),
                row.number(),
                row.status(),
                row.channel(),
                row.priority(),
                local(row.joined()),
                local(row.called()),
                local(row.started()),
                local(row.completed()),
                row.waitMinutes(),
                row.consultationMinutes(),
                row.doctorId());
    }

    private static String local(LocalDateTime time) {
        return time == null ? null : LOCAL_TIME.format(time);
    }

    // A name without a row counts zero, so the answer always has the same keys.
    private static Map<String, Long> everyOne(List<String> names, Map<String, Long> counted) {
        Map<String, Long> counts = new LinkedHashMap<>();
        names.forEach(name -> counts.put(name, counted.getOrDefault(name, 0L)));
        return counts;
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
