package org.dqms.queue;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.dqms.accounts.Role;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.dqms.platform.PageController;
import org.dqms.platform.web.FormInput;
import org.dqms.platform.web.Languages;
import org.dqms.queue.JoinService.Joined;
import org.dqms.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page the department's QR code opens: name and phone, and the patient is in the queue. A
 * double-tapped submit joins once: the form carries an idempotency key made when it was shown.
 */
@PageController
class JoinPageController {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final JoinService joins;
    private final DepartmentService departments;
    private final QueueSnapshots snapshots;
    private final OfferedChannels channels;

    JoinPageController(
            JoinService joins, DepartmentService departments, QueueSnapshots snapshots, OfferedChannels channels) {
        this.joins = joins;
        this.departments = departments;
        this.snapshots = snapshots;
        this.channels = channels;
    }

    /** What the form holds, as typed. */
    record JoinForm(
            String patientName,
            String phone,
            String email,
            String idempotencyKey,
            java.util.Set<NotifyChannel> channels) {}

    @GetMapping("/join/{departmentId}")
    String form(@PathVariable long departmentId, Model model) {
        prepare(departmentId, new JoinForm("", "+91", "", UUID.randomUUID().toString(), java.util.Set.of()), model);
        return "public/join";
    }

    @PostMapping("/join/{departmentId}")
    String join(
            Caller caller,
            @PathVariable long departmentId,
            @RequestParam(defaultValue = "") String patientName,
            @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String idempotencyKey,
            @RequestParam(required = false) java.util.List<NotifyChannel> notifications,
            Locale locale,
            HttpServletResponse response,
            Model model) {
        java.util.Set<NotifyChannel> chosen = java.util.Set.copyOf(FormInput.chosen(notifications));
        JoinForm form =
                new JoinForm(patientName.strip(), FormInput.phone(phone), email.strip(), idempotencyKey, chosen);
        prepare(departmentId, form, model);
        if (form.patientName().isEmpty() || form.patientName().length() > 120) {
            return invalid(response, model, "patientName", "join.error.name");
        }
        if (!E164.matcher(form.phone()).matches()) {
            return invalid(response, model, "phone", "join.error.phone");
        }
        if (!form.email().isEmpty()
                && (!EMAIL.matcher(form.email()).matches() || form.email().length() > 254)) {
            return invalid(response, model, "email", "join.error.email");
        }
        if (!channels.offers(form.channels())) {
            // A page shown before a restart without that channel's sender, or a form the page did not make.
            return invalid(response, model, "notifications", "join.error.channel");
        }
        if (form.channels().contains(NotifyChannel.EMAIL) && form.email().isEmpty()) {
            return invalid(response, model, "email", "join.error.email-needed");
        }
        if (caller.is(Role.DOCTOR)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("refusal", "join.error.doctor");
            return "public/join";
        }
        JoinCommand command = new JoinCommand(
                        form.patientName(),
                        new PhoneNumber(form.phone()),
                        form.email().isEmpty() ? null : form.email(),
                        null,
                        Channel.WEB,
                        Priority.NORMAL)
                .notifiedOn(form.channels())
                // The page's language is the patient's: their messages are written in it.
                .inLanguage(Languages.supportedCode(locale));
        if (caller.is(Role.PATIENT)) {
            command = command.heldBy(caller.userId());
        }
        try {
            Joined joined = joins.join(
                    caller.actor(),
                    departmentId,
                    command,
                    form.idempotencyKey().isBlank() ? Optional.empty() : Optional.of("page:" + form.idempotencyKey()));
            return "redirect:/t/" + joined.token().publicId();
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("refusal", PageMessages.conflict(e));
            return "public/join";
        } catch (IllegalArgumentException e) {
            return invalid(response, model, "patientName", "join.error.name");
        }
    }

    private void prepare(long departmentId, JoinForm form, Model model) {
        Department department =
                departments.find(departmentId).orElseThrow(() -> new NotFoundException("Department", departmentId));
        model.addAttribute("department", department);
        model.addAttribute(
                "board", snapshots.snapshot(departmentId, java.util.Set.of()).board());
        model.addAttribute("form", form);
        model.addAttribute("offeredChannels", channels.all());
    }

    private static String invalid(HttpServletResponse response, Model model, String field, String message) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("invalidField", field);
        model.addAttribute("invalidMessage", message);
        return "public/join";
    }
}
