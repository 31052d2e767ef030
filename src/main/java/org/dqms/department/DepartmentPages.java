package org.dqms.department;

import jakarta.servlet.http.HttpServletResponse;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.PageController;
import org.dqms.platform.ServerOnly;
import org.dqms.platform.web.FormErrors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The admin pages of departments: the list, creating one, and changing or deleting it. Hours and
 * closed dates are {@link DepartmentHoursPages}. A refused form comes back with 400 (409 when it
 * conflicts with another department) and nothing saved.
 */
@PageController
@ServerOnly
class DepartmentPages {

    private final DepartmentService departments;
    private final MessageSource messages;

    DepartmentPages(DepartmentService departments, MessageSource messages) {
        this.departments = departments;
        this.messages = messages;
    }

    @GetMapping("/admin/departments")
    String list(Model model) {
        model.addAttribute("departments", departments.all());
        return "admin/departments";
    }

    @GetMapping("/admin/departments/new")
    String blank(Model model) {
        return creating(model, DepartmentForm.blank(), new FormErrors(messages));
    }

    @PostMapping("/admin/departments")
    String create(Actor actor, @ModelAttribute DepartmentForm form, Model model, HttpServletResponse response) {
        FormErrors errors = new FormErrors(messages);
        DepartmentDetails details = form.details(errors);
        if (details == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return creating(model, form, errors);
        }
        try {
            Department created = departments.create(actor, details);
            return "redirect:/admin/departments/" + created.id() + "?created";
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            taken(e, errors);
            return creating(model, form, errors);
        }
    }

    @GetMapping("/admin/departments/{id}")
    String edit(@PathVariable long id, Model model) {
        return DepartmentEditPage.render(model, departments.get(id), new FormErrors(messages));
    }

    @PostMapping("/admin/departments/{id}")
    String update(
            Actor actor,
            @PathVariable long id,
            @ModelAttribute DepartmentForm form,
            Model model,
            HttpServletResponse response) {
        Department department = departments.get(id);
        FormErrors errors = new FormErrors(messages);
        DepartmentDetails details = form.details(errors);
        if (details == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return editing(model, department, form, errors);
        }
        try {
            departments.update(actor, id, details);
            return "redirect:/admin/departments/" + id + "?saved";
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            taken(e, errors);
            return editing(model, department, form, errors);
        }
    }

    @PostMapping("/admin/departments/{id}/delete")
    String delete(Actor actor, @PathVariable long id, Model model, HttpServletResponse response) {
        Department department = departments.get(id);
        try {
            departments.delete(actor, id);
            return "redirect:/admin/departments?deleted";
        } catch (ConflictException e) {
            // Tokens, appointments, doctors or reception accounts still need it; the page says which, in the
            // visitor's language.
            response.setStatus(HttpStatus.CONFLICT.value());
            FormErrors errors = new FormErrors(messages);
            String key = e.properties().containsKey("doctorIds")
                    ? "admin.department.error.hasDoctors"
                    : e.properties().containsKey("accountIds")
                            ? "admin.department.error.hasReception"
                            : e.properties().containsKey("appointments")
                                    ? "admin.department.error.hasAppointments"
                                    : "admin.department.error.hasTokens";
            errors.reject("delete", key);
            return DepartmentEditPage.render(model, department, errors);
        }
    }

    /** Another department has the name or prefix, or patients in the queue hold the prefix or time zone. */
    private static void taken(ConflictException e, FormErrors errors) {
        Object field = e.properties().get("field");
        if (e.properties().containsKey("inQueue")) {
            errors.reject(String.valueOf(field), "admin.department.error.inQueue." + field);
            return;
        }
        String taken = "prefix".equals(field) ? "prefix" : "name";
        errors.reject(taken, "admin.department.error.taken." + taken);
    }

    private String creating(Model model, DepartmentForm form, FormErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("timeZones", DepartmentEditPage.TIME_ZONES);
        return "admin/department-new";
    }

    private static String editing(Model model, Department department, DepartmentForm form, FormErrors errors) {
        return DepartmentEditPage.render(
                model, department, form, HoursForm.of(department.hours()), ClosingForm.blank(), errors);
    }
}
