package org.dqms.department;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.Map;
import org.dqms.platform.Actor;
import org.dqms.platform.InvalidFieldException;
import org.dqms.platform.PageController;
import org.dqms.platform.ServerOnly;
import org.dqms.platform.web.FormErrors;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The forms on a department's admin page that set its weekly hours and close or reopen dates. */
@PageController
@ServerOnly
class DepartmentHoursPages {

    private final DepartmentService departments;
    private final MessageSource messages;

    DepartmentHoursPages(DepartmentService departments, MessageSource messages) {
        this.departments = departments;
        this.messages = messages;
    }

    /** Replaces the weekly hours; the closed dates stay as they are. */
    @PostMapping("/admin/departments/{id}/hours")
    String setHours(
            Actor actor,
            @PathVariable long id,
            @RequestParam Map<String, String> parameters,
            Model model,
            HttpServletResponse response) {
        FormErrors errors = new FormErrors(messages);
        HoursForm form = HoursForm.submitted(parameters);
        WeeklyHours hours = form.hours(errors);
        if (hours == null) {
            Department department = departments.get(id);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return DepartmentEditPage.render(
                    model, department, DepartmentForm.of(department), form, ClosingForm.blank(), errors);
        }
        departments.setWeeklyHours(actor, id, hours);
        return "redirect:/admin/departments/" + id + "?hours#hours";
    }

    @PostMapping("/admin/departments/{id}/closed")
    String closeOn(
            Actor actor,
            @PathVariable long id,
            @ModelAttribute ClosingForm form,
            Model model,
            HttpServletResponse response) {
        Department department = departments.get(id);
        FormErrors errors = new FormErrors(messages);
        LocalDate date = form.closedOn(errors);
        if (date != null) {
            try {
                departments.closeOn(actor, id, date, form.reason());
                return "redirect:/admin/departments/" + id + "?closed#closed";
            } catch (InvalidFieldException past) {
                errors.reject(
                        "date", "admin.closed.error.past", past.properties().get("today"));
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return DepartmentEditPage.render(
                model, department, DepartmentForm.of(department), HoursForm.of(department.hours()), form, errors);
    }

    @PostMapping("/admin/departments/{id}/closed/{date}/reopen")
    String reopenOn(
            Actor actor,
            @PathVariable long id,
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        departments.reopenOn(actor, id, date);
        return "redirect:/admin/departments/" + id + "?reopened#closed";
    }
}
