package org.dqms.queue;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.platform.ConflictException;
import org.dqms.platform.ForbiddenException;
import org.dqms.platform.PageController;
import org.dqms.queue.TokenActionService.TransferTarget;
import org.dqms.security.Caller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The doctor's console: call the next patient with one click, then start, complete, recall, mark
 * a no-show or transfer; the waiting lists update live. Every action is a form post that returns
 * to the console (post, redirect, get), with the outcome as a message key in {@code ?msg=}.
 */
@PageController
class DoctorConsoleController {

    private static final Set<String> ACTIONS = Set.of("start", "recall", "complete", "no-show");

    private final DoctorConsole console;
    private final CallService calls;
    private final TokenActionService actions;
    private final TokenAccess access;
    private final DoctorService doctors;

    DoctorConsoleController(
            DoctorConsole console,
            CallService calls,
            TokenActionService actions,
            TokenAccess access,
            DoctorService doctors) {
        this.console = console;
        this.calls = calls;
        this.actions = actions;
        this.access = access;
        this.doctors = doctors;
    }

    @GetMapping("/doctor")
    String console(Caller caller, @RequestParam(required = false) String msg, Model model) {
        model.addAttribute("view", console.view(doctorId(caller)));
        model.addAttribute("msg", msg != null && msg.matches("[a-z.-]{1,60}") ? msg : null);
        return "doctor/console";
    }

    /** The live part alone, fetched again by the page whenever its departments change. */
    @GetMapping("/doctor/panel")
    String panel(Caller caller, Model model) {
        model.addAttribute("view", console.view(doctorId(caller)));
        return "doctor/console :: panel";
    }

    /**
     * Calls the next patient; with {@code completeCurrent}, completes the consultation first, at once,
     * with the doctor's notes if any.
     */
    @PostMapping("/doctor/call-next")
    String callNext(
            Caller caller,
            @RequestParam(defaultValue = "false") boolean completeCurrent,
            @RequestParam(required = false) String notes) {
        long doctorId = doctorId(caller);
        if (tooLong(notes)) {
            return back("console.refused.notes-too-long");
        }
        try {
            if (completeCurrent) {
                Optional<Token> called = calls.completeAndCallNext(caller.actor(), doctorId, notes);
                return back(called.isPresent() ? "console.done.completed-called" : "console.done.completed-nobody");
            }
            Optional<Token> called = calls.callNext(caller.actor(), doctorId);
            return back(called.isPresent() ? "console.done.called" : "console.done.nobody");
        } catch (ConflictException e) {
            return back(PageMessages.conflict(e));
        }
    }

    @PostMapping("/doctor/tokens/{tokenId}/{action}")
    String act(
            Caller caller,
            @PathVariable long tokenId,
            @PathVariable String action,
            @RequestParam(required = false) String notes) {
        doctorId(caller);
        if (!ACTIONS.contains(action)) {
            return back("queue.refused.other");
        }
        if (tooLong(notes)) {
            return back("console.refused.notes-too-long");
        }
        Consumer<Token> mayAct = access.actingOn(caller);
        try {
            Token token = switch (action) {
                case "start" -> actions.start(caller.actor(), tokenId, mayAct);
                case "recall" -> actions.recall(caller.actor(), tokenId, "recalled from the console", mayAct);
                case "complete" -> actions.complete(caller.actor(), tokenId, notes, mayAct);
                default -> actions.markNoShow(caller.actor(), tokenId, "marked from the console", mayAct);
            };
            // The recall after the last one allowed (DQMS_QUEUE_NO_SHOW_AFTER_RECALLS) marks a no-show.
            boolean recallsUsedUp = action.equals("recall") && token.status() == TokenStatus.NO_SHOW;
            return back(recallsUsedUp ? "console.done.recall-no-show" : "console.done." + action);
        } catch (ConflictException e) {
            return back(PageMessages.conflict(e));
        }
    }

    /**
     * Refers the patient in consultation to another department: completes the consultation, with
     * the doctor's notes if any, and transfers the token, at once.
     */
    @PostMapping("/doctor/tokens/{tokenId}/transfer")
    String transfer(
            Caller caller,
            @PathVariable long tokenId,
            @RequestParam long departmentId,
            @RequestParam(required = false) String notes) {
        doctorId(caller);
        if (tooLong(notes)) {
            return back("console.refused.notes-too-long");
        }
        try {
            actions.completeAndTransfer(
                    caller.actor(),
                    tokenId,
                    notes,
                    new TransferTarget(departmentId, null),
                    "transferred from the console",
                    access.actingOn(caller));
            return back("console.done.transfer");
        } catch (ConflictException e) {
            return back(PageMessages.conflict(e));
        } catch (IllegalArgumentException e) {
            return back("console.refused.same-department");
        }
    }

    /** A doctor goes on a break and comes back themselves; call-next needs them on duty. */
    @PostMapping("/doctor/duty")
    String duty(Caller caller, @RequestParam DutyStatus status) {
        doctors.setDutyStatus(caller.actor(), doctorId(caller), status);
        return back("console.done.duty");
    }

    private static long doctorId(Caller caller) {
        if (caller.doctorId() == null) {
            throw new ForbiddenException("This account is not linked to a doctor.");
        }
        return caller.doctorId();
    }

    private static String back(String message) {
        return "redirect:/doctor?msg=" + message;
    }

    private static boolean tooLong(String notes) {
        return notes != null && notes.length() > Token.MAX_NOTES;
    }
}
