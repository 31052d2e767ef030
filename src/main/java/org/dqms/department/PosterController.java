package org.dqms.department;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.dqms.platform.PageController;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * What hangs in the waiting room: a department's QR code, which opens its join page, and an A4
 * poster around it with the name and the opening hours. Both are public.
 */
@PageController
class PosterController {

    static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

    // The code only changes with the public URL or the department's id, so browsers and proxies may
    // keep it; a day bounds how long a changed DQMS_PUBLIC_URL takes to reach every screen.
    private static final CacheControl CACHE =
            CacheControl.maxAge(Duration.ofDays(1)).cachePublic();

    private final DepartmentService departments;
    private final PublicLinks links;
    private final MessageSource messages;

    PosterController(DepartmentService departments, PublicLinks links, MessageSource messages) {
        this.departments = departments;
        this.links = links;
        this.messages = messages;
    }

    /**
     * One weekday of the opening hours on the poster.
     *
     * @param times the day's intervals, e.g. {@code 08:00–13:00, 14:00–17:00}; empty when closed
     */
    record HoursRow(String day, String times) {}

    @GetMapping("/departments/{id}/qr.svg")
    ResponseEntity<String> qr(@PathVariable long id, Locale locale) {
        Department department = departments.get(id);
        return ResponseEntity.ok()
                .contentType(SVG)
                .cacheControl(CACHE)
                .body(QrCode.svg(links.joinPage(department.id()), label(department, locale)));
    }

    @GetMapping("/departments/{id}/poster")
    String poster(@PathVariable long id, Locale locale, Model model) {
        Department department = departments.get(id);
        String joinUrl = links.joinPage(department.id());
        model.addAttribute("department", department);
        model.addAttribute("joinUrl", joinUrl);
        model.addAttribute("qr", QrCode.svg(joinUrl, label(department, locale)));
        model.addAttribute("hours", hours(department.hours(), locale));
        return "department/poster";
    }

    private String label(Department department, Locale locale) {
        return messages.getMessage("poster.qr.label", new Object[] {department.name()}, locale);
    }

    static List<HoursRow> hours(WeeklyHours hours, Locale locale) {
        return Arrays.stream(DayOfWeek.values())
                .map(day -> new HoursRow(
                        day.getDisplayName(TextStyle.FULL, locale),
                        hours.on(day).stream()
                                .map(t -> t.opens() + "–" + t.closes())
                                .collect(Collectors.joining(", "))))
                .toList();
    }
}
