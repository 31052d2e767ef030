package org.dqms.notifications;

import org.dqms.platform.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Administrators' view of deliveries: the failures with a retry button, and any token's deliveries
 * by its number in the database ({@code ?tokenId=}).
 */
@PageController
class NotificationPageController {

    private final OutboxRepository outbox;
    private final FailedRetry retries;

    NotificationPageController(OutboxRepository outbox, FailedRetry retries) {
        this.outbox = outbox;
        this.retries = retries;
    }

    @GetMapping("/admin/notifications")
    String page(@RequestParam(required = false) Long tokenId, Model model) {
        model.addAttribute("failures", outbox.failures());
        model.addAttribute("tokenId", tokenId);
        model.addAttribute("deliveries", tokenId == null ? java.util.List.of() : outbox.ofToken(tokenId));
        return "admin/notifications";
    }

    @PostMapping("/admin/notifications/{id}/retry")
    String retry(@PathVariable long id) {
        String outcome = switch (retries.retry(id)) {
            case RETRIED -> "retried=";
            case OPTED_OUT -> "optedOut=";
            case NOT_FAILED -> "stale=";
        };
        return "redirect:/admin/notifications?" + outcome + id;
    }
}
