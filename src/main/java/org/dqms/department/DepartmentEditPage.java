package org.dqms.department;

import java.time.DayOfWeek;
import java.util.List;
import org.dqms.platform.web.FormErrors;
import org.springframework.ui.Model;

/**
 * The model of a department's page, which holds three forms (details, hours, closed dates): when one
 * of them fails, the others show what is stored and the failed one what was entered.
 */
final class DepartmentEditPage {

    static final String VIEW = "admin/department";

    /** The zones a department may have, sorted, for the time zone field's suggestions. */
    static final List<String> TIME_ZONES = TimeZones.ALL;

    private DepartmentEditPage() {}

    static String render(
            Model model,
            Department department,
            DepartmentForm form,
            HoursForm hours,
            ClosingForm closing,
            FormErrors errors) {
        model.addAttribute("department", department);
        model.addAttribute("form", form);
        model.addAttribute("hours", hours);
        model.addAttribute("closing", closing);
        model.addAttribute("errors", errors);
        model.addAttribute("timeZones", TIME_ZONES);
        model.addAttribute("weekdays", DayOfWeek.values());
        return VIEW;
    }

    static String render(Model model, Department department, FormErrors errors) {
        return render(
                model,
                department,
                DepartmentForm.of(department),
                HoursForm.of(department.hours()),
                ClosingForm.blank(),
                errors);
    }
}
