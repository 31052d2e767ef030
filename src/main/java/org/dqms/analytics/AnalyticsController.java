package org.dqms.analytics;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Department analytics for administrators; AuthorizationRules keeps every other role out.
 * {@code from} and {@code to} are local service dates such as 2026-01-31, both included.
 */
@RestController
@RequestMapping("/api/v1/analytics/departments/{id}")
class AnalyticsController {

    private final AnalyticsService analytics;

    AnalyticsController(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @GetMapping
    DepartmentAnalytics department(
            @PathVariable long id,
            @RequestParam String from,
            @RequestParam String to,
            @RequestParam(required = false) Long doctorId) {
        return analytics.department(id, doctorId, DateRange.parse(from, to));
    }

    /**
     * The token history as CSV, written to the response while it is read rather than built in
     * memory first. Range and department are checked before the first byte, so errors are still
     * Problem Details.
     */
    @GetMapping("/tokens.csv")
    void tokens(
            @PathVariable long id,
            @RequestParam String from,
            @RequestParam String to,
            @RequestParam(required = false) Long doctorId,
            HttpServletResponse response)
            throws IOException {
        DateRange range = DateRange.parse(from, to);
        Writer out = csv(id, "tokens", range, response);
        analytics.writeTokensCsv(id, doctorId, range, out);
        out.flush();
    }

    /** The figures of {@link #department} as CSV, a line per day of the range. */
    @GetMapping("/days.csv")
    void days(
            @PathVariable long id,
            @RequestParam String from,
            @RequestParam String to,
            @RequestParam(required = false) Long doctorId,
            HttpServletResponse response)
            throws IOException {
        DateRange range = DateRange.parse(from, to);
        Writer out = csv(id, "days", range, response);
        analytics.writeDailyCsv(id, doctorId, range, out);
        out.flush();
    }

    /** Checks the department, then starts a CSV attachment named after it and the range. */
    private Writer csv(long id, String what, DateRange range, HttpServletResponse response) throws IOException {
        analytics.requireDepartment(id);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("department-" + id + "-" + what + "-" + range.from() + "-" + range.to() + ".csv")
                        .build()
                        .toString());
        return new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    }
}
