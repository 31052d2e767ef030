package org.dqms.doctor;

import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.dqms.department.DepartmentService;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
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
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin pages of doctors: the list with each one's duty status, creating a doctor, and changing
 * one. A refused form comes back with 400 (409 when a department was deleted meanwhile), nothing saved.
 */
@PageController
@ServerOnly
class DoctorPages {

    static final int PAGE_SIZE = 50;

    private final DoctorService doctors;
    private final DepartmentService departments;
    private final MessageSource messages;

    DoctorPages(DoctorService doctors, DepartmentService departments, MessageSource messages) {
        this.doctors = doctors;
        this.departments = departments;
        this.messages = messages;
    }

    @GetMapping("/admin/doctors")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        DoctorPage found = doctors.page(null, Math.max(0, page), PAGE_SIZE);
        model.addAttribute("doctors", found.content());
        model.addAttribute("page", found.page());
        model.addAttribute("hasNext", (long) (found.page() + 1) * PAGE_SIZE < found.totalElements());
        model.addAttribute("departmentNames", departmentNames());
        model.addAttribute("statuses", DutyStatus.values());
        return "admin/doctors";
    }

    @GetMapping("/admin/doctors/new")
    String blank(Model model) {
        return form(model, null, DoctorForm.blank(), new FormErrors(messages));
    }

    @PostMapping("/admin/doctors")
    String create(Actor actor, @ModelAttribute DoctorForm form, Model model, HttpServletResponse response) {
        FormErrors errors = new FormErrors(messages);
        DoctorDetails details = form.details(errors);
        if (details != null) {
            try {
                Doctor created = doctors.create(actor, details);
                return "redirect:/admin/doctors/" + created.id() + "?created";
            } catch (NotFoundException | ConflictException e) {
                refused(e, errors, response);
                return form(model, null, form, errors);
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return form(model, null, form, errors);
    }

    @GetMapping("/admin/doctors/{id}")
    String edit(@PathVariable long id, Model model) {
        Doctor doctor = doctors.get(id);
        return form(model, doctor, DoctorForm.of(doctor), new FormErrors(messages));
    }

    @PostMapping("/admin/doctors/{id}")
    String update(
            Actor actor,
            @PathVariable long id,
            @ModelAttribute DoctorForm form,
            Model model,
            HttpServletResponse response) {
        Doctor doctor = doctors.get(id);
        FormErrors errors = new FormErrors(messages);
        DoctorDetails details = form.details(errors);
        if (details != null) {
            try {
                doctors.update(actor, id, details);
                return "redirect:/admin/doctors/" + id + "?saved";
            } catch (NotFoundException | ConflictException e) {
                refused(e, errors, response);
                return form(model, doctor, form, errors);
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return form(model, doctor, form, errors);
    }

    /** Sets the duty status from the list or the doctor's page, and goes back there. */
    @PostMapping("/admin/doctors/{id}/duty")
    String duty(
            Actor actor,
            @PathVariable long id,
            @RequestParam DutyStatus status,
            @RequestParam(defaultValue = "list") String from) {
        doctors.setDutyStatus(actor, id, status);
        return "page".equals(from) ? "redirect:/admin/doctors/" + id + "?duty" : "redirect:/admin/doctors?duty=" + id;
    }

    /** One of the ticked departments is gone: deleted before the form was sent, or meanwhile. */
    private static void refused(RuntimeException e, FormErrors errors, HttpServletResponse response) {
        response.setStatus(
                e instanceof ConflictException ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
        errors.reject("departmentIds", "admin.doctor.error.departmentGone");
    }

    private String form(Model model, Doctor doctor, DoctorForm form, FormErrors errors) {
        model.addAttribute("doctor", doctor);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("departments", departments.all());
        model.addAttribute("statuses", DutyStatus.values());
        return "admin/doctor";
    }

    private Map<Long, String> departmentNames() {
        Map<Long, String> names = new HashMap<>();
        departments.all().forEach(d -> names.put(d.id(), d.name()));
        return names;
    }
}
