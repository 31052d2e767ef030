package org.dqms.queue;

import java.util.Set;
import java.util.UUID;
import org.dqms.department.DepartmentService;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.dqms.platform.PageController;
import org.dqms.security.Caller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * "My token", the page a patient keeps open on their phone: number, live position and estimate,
 * the room once called. Its address is the token's capability link, so it needs no account.
 */
@PageController
class TokenPageController {

    private final QueueSnapshots snapshots;
    private final DepartmentService departments;
    private final TokenActionService actions;

    TokenPageController(QueueSnapshots snapshots, DepartmentService departments, TokenActionService actions) {
        this.snapshots = snapshots;
        this.departments = departments;
        this.actions = actions;
    }

    @GetMapping("/t/{link}")
    String token(@PathVariable UUID link, Model model) {
        TokenRef ref = snapshots.byLink(link).orElseThrow(() -> new NotFoundException("Token", link));
        LiveToken token = snapshots
                .snapshot(ref.departmentId(), Set.of(ref.tokenId()))
                .tokens()
                .get(ref.tokenId());
        if (token == null) {
            throw new NotFoundException("Token", link);
        }
        model.addAttribute("link", link);
        model.addAttribute("token", token);
        model.addAttribute("department", departments.get(ref.departmentId()));
        return "public/token";
    }

    /** Cancels and shows the token again, now CANCELLED; a token already past waiting stays as it is. */
    @PostMapping("/t/{link}/cancel")
    String cancel(Caller caller, @PathVariable UUID link) {
        TokenRef ref = snapshots.byLink(link).orElseThrow(() -> new NotFoundException("Token", link));
        try {
            actions.cancel(
                    caller.actor(), ref.tokenId(), "cancelled by the patient on their page", TokenActionService.ANYONE);
        } catch (ConflictException e) {
            // Called, served or already cancelled meanwhile: the page shows what it is now.
        }
        return "redirect:/t/" + link;
    }
}
