package org.dqms.queue;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.dqms.platform.ConflictException;
import org.dqms.platform.PageController;
import org.dqms.queue.JoinService.Joined;
import org.dqms.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the reception desk's forms change: a walk-in joins the queue (channel RECEPTION), and a
 * waiting token is cancelled. Both redirect back to the desk (post, redirect, get); a walk-in the
 * join refuses renders the desk again with the reason, and nothing is created.
 */
@PageController
class WalkInController {

    private static final int MAX_REASON = 500;

    private final JoinService joins;
    private final TokenActionService actions;
    private final TokenQueryService queries;
    private final TokenAccess access;
    private final ReceptionPage page;

    WalkInController(
            JoinService joins,
            TokenActionService actions,
            TokenQueryService queries,
            TokenAccess access,
            ReceptionPage page) {
        this.joins = joins;
        this.actions = actions;
        this.queries = queries;
        this.access = access;
        this.page = page;
    }

    /** 400 with the fields' messages, 409 for a closed or full department, else the desk with the token. */
    @PostMapping("/reception/tokens")
    String issue(
            Caller caller,
            @RequestParam long department,
            @ModelAttribute("walkIn") WalkInForm form,
            BindingResult errors,
            HttpServletResponse response,
            Model model) {
        // The priority does not matter here: staff may give any.
        access.requireJoin(caller, department, null, Channel.RECEPTION);
        form.validate(errors);
        if (errors.hasErrors()) {
            return refused(HttpStatus.BAD_REQUEST, caller, department, response, model);
        }
        Joined joined;
        try {
            joined = joins.join(caller.actor(), department, form.toCommand(), Optional.empty());
        } catch (ConflictException e) {
            model.addAttribute("conflict", e.getMessage());
            return refused(HttpStatus.CONFLICT, caller, department, response, model);
        } catch (IllegalArgumentException e) {
            // The only argument the join checks beyond the form: a doctor who does not serve here.
            errors.rejectValue("preferredDoctorId", "reception.error.doctor.elsewhere");
            return refused(HttpStatus.BAD_REQUEST, caller, department, response, model);
        }
        return "redirect:/reception?department=" + department + "&issued="
                + joined.token().id() + (joined.created() ? "" : "&held=true");
    }

    /** Cancels the token; one that was called or ended meanwhile is named on the desk instead. */
    @PostMapping("/reception/tokens/{id}/cancel")
    String cancel(Caller caller, @PathVariable long id, @RequestParam(required = false) String reason) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > MAX_REASON) {
            why = why.substring(0, MAX_REASON);
        }
        try {
            Token cancelled = actions.cancel(
                    caller.actor(), id, why, access.actingOn(caller).andThen(WalkInController::stillWaiting));
            return "redirect:/reception?department=" + cancelled.departmentId() + "&cancelled=" + id;
        } catch (IllegalTransitionException e) {
            return "redirect:/reception?department=" + queries.get(id).departmentId() + "&stale=" + id;
        }
    }

    /**
     * The desk cancels waiting tokens only: one a doctor called since the desk listed it goes on to
     * the doctor, and the desk says so. Checked on the token the cancel has locked.
     */
    private static void stillWaiting(Token token) {
        if (token.status() != TokenStatus.WAITING) {
            throw new IllegalTransitionException(token.id(), token.status(), "be cancelled at the desk");
        }
    }

    private String refused(
            HttpStatus status, Caller caller, long department, HttpServletResponse response, Model model) {
        response.setStatus(status.value());
        return page.render(caller, department, model);
    }
}
