package org.dqms.analytics;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrators' dashboard: a department's figures over a date range, drawn as server-side
 * SVG (no script, nothing from elsewhere), the live figures of every department, and the CSV link.
 */
@PageController
class AnalyticsPageController {

    private final AnalyticsService analytics;
    private final LiveFigures live;
    private final DepartmentService departments;
    private final DoctorService doctors;
    private final Clock clock;

    AnalyticsPageController(
            AnalyticsService analytics,
            LiveFigures live,
            DepartmentService departments,
            DoctorService doctors,
            Clock clock) {
        this.analytics = analytics;
        this.live = live;
        this.departments = departments;
        this.doctors = doctors;
        this.clock = clock;
    }

    /** A bar of a chart; {@code width} in percent of the longest bar. */
    record Bar(String label, BigDecimal value, int width) {}

    /** A cell of the weekday × hour map; {@code level} 0 (none) to 4 (the busiest). */
    record Cell(int weekday, int hour, long completed, int level) {}

    @GetMapping("/admin/analytics")
    String dashboard(
            @RequestParam(required = false) Long department,
            @RequestParam(required = false) Long doctor,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletResponse response,
            Model model) {
        List<Department> all = departments.all();
        model.addAttribute("departments", all);
        model.addAttribute("live", live.now());
        if (all.isEmpty()) {
            return "admin/analytics";
        }
        Department chosen = department == null
                ? all.get(0)
                : all.stream().filter(d -> d.id() == department).findFirst().orElse(all.get(0));
        LocalDate today = chosen.today(clock.instant());
        String fromText = from == null || from.isBlank() ? today.minusDays(29).toString() : from;
        String toText = to == null || to.isBlank() ? today.toString() : to;
        model.addAttribute("chosen", chosen);
        List<Doctor> ofDepartment = doctors.inDepartment(chosen.id());
        // A doctor of another department (the department was changed in the form) means all doctors.
        Long doctorId = ofDepartment.stream()
                .map(Doctor::id)
                .filter(id -> id.equals(doctor))
                .findFirst()
                .orElse(null);
        model.addAttribute("doctors", ofDepartment);
        model.addAttribute("doctorId", doctorId);
        model.addAttribute("from", fromText);
        model.addAttribute("to", toText);
        DateRange range;
        try {
            range = DateRange.parse(fromText, toText);
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("rangeError", true);
            return "admin/analytics";
        }
        DepartmentAnalytics figures = analytics.department(chosen.id(), doctorId, range);
        model.addAttribute("figures", figures);
        java.util.Map<String, List<Bar>> charts = new java.util.LinkedHashMap<>();
        charts.put("wait", bars(figures.waitMinutes()));
        charts.put("consultation", bars(figures.consultationMinutes()));
        model.addAttribute("charts", charts);
        model.addAttribute("heat", heat(figures.throughput()));
        return "admin/analytics";
    }

    private static List<Bar> bars(DepartmentAnalytics.Minutes minutes) {
        List<BigDecimal> values = new ArrayList<>();
        values.add(minutes.mean());
        values.add(minutes.median());
        values.add(minutes.p90());
        double max = values.stream()
                .filter(v -> v != null)
                .mapToDouble(BigDecimal::doubleValue)
                .max()
                .orElse(0);
        String[] labels = {"mean", "median", "p90"};
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            BigDecimal v = values.get(i);
            int width = v == null || max == 0 ? 0 : (int) Math.round(v.doubleValue() / max * 100);
            bars.add(new Bar(labels[i], v, width));
        }
        return bars;
    }

    private static List<Cell> heat(List<DepartmentAnalytics.HourCell> throughput) {
        long max = throughput.stream()
                .mapToLong(DepartmentAnalytics.HourCell::completed)
                .max()
                .orElse(0);
        List<Cell> cells = new ArrayList<>();
        for (int weekday = 1; weekday <= 7; weekday++) {
            for (int hour = 0; hour < 24; hour++) {
                int d = weekday;
                int h = hour;
                long completed = throughput.stream()
                        .filter(c -> c.weekday() == d && c.hour() == h)
                        .mapToLong(DepartmentAnalytics.HourCell::completed)
                        .sum();
                int level = completed == 0 || max == 0 ? 0 : (int) Math.ceil(completed * 4.0 / max);
                cells.add(new Cell(weekday, hour, completed, level));
            }
        }
        return cells;
    }
}
