package org.dqms.accounts;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.PageController;
import org.dqms.platform.PageView;
import org.dqms.platform.ServerOnly;
import org.dqms.platform.web.FormErrors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The admin pages of staff accounts: who can sign in, by role, and creating an account. The
 * accounts service checks the rest (password policy, scope, a taken email); its refusals come back
 * as messages next to the fields, with 400 or, for a taken email or doctor, 409.
 */
@PageController
@ServerOnly
class StaffPages {

    /** How many accounts of each role the list shows. */
    static final int SHOWN = 100;

    private final AccountService accounts;
    private final DepartmentService departments;
    private final DoctorService doctors;
    private final MessageSource messages;
    private final int minPasswordLength;

    StaffPages(
            AccountService accounts,
            DepartmentService departments,
            DoctorService doctors,
            MessageSource messages,
            AccountSettings settings) {
        this.accounts = accounts;
        this.minPasswordLength = settings.minPasswordLength();
        this.departments = departments;
        this.doctors = doctors;
        this.messages = messages;
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        Map<Role, PageView<ManagedAccount>> byRole = new LinkedHashMap<>();
        StaffForm.STAFF_ROLES.forEach(role -> byRole.put(role, accounts.page(role, 0, SHOWN)));
        model.addAttribute("byRole", byRole);
        model.addAttribute("departmentNames", departmentNames());
        model.addAttribute("doctorNames", doctorNames());
        return "admin/users";
    }

    @GetMapping("/admin/users/new")
    String blank(Model model) {
        return form(model, StaffForm.blank(), new FormErrors(messages));
    }

    @PostMapping("/admin/users")
    String create(Actor actor, @ModelAttribute StaffForm form, Model model, HttpServletResponse response) {
        FormErrors errors = new FormErrors(messages);
        form.requireFilled(errors);
        Role role = form.staffRole(errors);
        Long doctorId = form.doctorFor(role, errors);
        if (errors.any()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, form.withoutPassword(), errors);
        }
        try {
            accounts.createStaff(
                    actor, form.email(), form.name(), role, form.departmentsFor(role), doctorId, form.password());
            return "redirect:/admin/users?created";
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            StaffRefusals.invalid(e, errors);
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            StaffRefusals.conflict(e, errors);
        }
        return form(model, form.withoutPassword(), errors);
    }

    private String form(Model model, StaffForm form, FormErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("roles", StaffForm.STAFF_ROLES);
        model.addAttribute("departments", departments.all());
        model.addAttribute("doctors", allDoctors());
        model.addAttribute("minPasswordLength", minPasswordLength);
        return "admin/user";
    }

    /** Every doctor, by name: each serves at least one department, so the departments find them all. */
    private List<Doctor> allDoctors() {
        Map<Long, Doctor> found = new TreeMap<>();
        for (Department department : departments.all()) {
            doctors.inDepartment(department.id()).forEach(d -> found.putIfAbsent(d.id(), d));
        }
        return found.values().stream()
                .sorted(Comparator.comparing(Doctor::name).thenComparing(Doctor::id))
                .toList();
    }

    private Map<Long, String> departmentNames() {
        Map<Long, String> names = new TreeMap<>();
        departments.all().forEach(d -> names.put(d.id(), d.name()));
        return names;
    }

    private Map<Long, String> doctorNames() {
        Map<Long, String> names = new TreeMap<>();
        allDoctors().forEach(d -> names.put(d.id(), d.name()));
        return names;
    }
}
