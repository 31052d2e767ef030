package org.dqms.queue;

import java.util.List;
import org.dqms.accounts.Role;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.DoctorService;
import org.dqms.security.Caller;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The model of the reception desk page, which both its GET and a refused walk-in render: the
 * departments to pick from, the chosen one's queue, its doctors and the walk-in form.
 */
@Component
class ReceptionPage {

    static final String VIEW = "reception/desk";

    /** The priorities in the form, the usual one first. */
    static final List<Priority> PRIORITIES = List.of(Priority.NORMAL, Priority.PRIORITY, Priority.EMERGENCY);

    private final DepartmentService departments;
    private final DoctorService doctors;
    private final ReceptionService reception;
    private final TokenAccess access;

    ReceptionPage(
            DepartmentService departments, DoctorService doctors, ReceptionService reception, TokenAccess access) {
        this.departments = departments;
        this.doctors = doctors;
        this.reception = reception;
        this.access = access;
    }

    /**
     * Fills the model for the desk of the department, or of the caller's first department when none
     * is named; 403 for a department the caller does not work in, 404 for an unknown one.
     */
    String render(Caller caller, Long departmentId, Model model) {
        List<Department> choices = departments.all().stream()
                .filter(d -> caller.is(Role.ADMIN) || caller.departmentIds().contains(d.id()))
                .toList();
        model.addAttribute("departments", choices);
        if (departmentId == null) {
            if (choices.isEmpty()) {
                model.addAttribute("department", null);
                return VIEW;
            }
            departmentId = choices.get(0).id();
        }
        access.requireQueue(caller, departmentId);
        ReceptionService.Desk desk = reception.desk(departmentId);
        model.addAttribute("desk", desk);
        model.addAttribute("department", desk.department());
        model.addAttribute("doctors", doctors.inDepartment(departmentId));
        model.addAttribute("priorities", PRIORITIES);
        if (!model.containsAttribute("walkIn")) {
            model.addAttribute("walkIn", new WalkInForm());
        }
        return VIEW;
    }
}
