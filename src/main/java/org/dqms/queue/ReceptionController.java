package org.dqms.queue;

import org.dqms.platform.PageController;
import org.dqms.security.Caller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reception desk: {@code /reception?department=ID} shows the walk-in form and the department's
 * queue with the patients' names. Its queue part is also a fragment of its own, which the page
 * fetches again each time the department's live stream says the queue changed.
 */
@PageController
class ReceptionController {

    private final ReceptionPage page;
    private final ReceptionService reception;
    private final TokenQueryService queries;
    private final TokenAccess access;

    ReceptionController(ReceptionPage page, ReceptionService reception, TokenQueryService queries, TokenAccess access) {
        this.page = page;
        this.reception = reception;
        this.queries = queries;
        this.access = access;
    }

    /**
     * The desk. After a walk-in or a cancel, the redirect names the token ({@code issued}, {@code
     * cancelled}, or {@code stale} when it had moved on before the cancel), and the page says what
     * happened to it.
     *
     * @param held the issued token is one the phone already held in the department
     */
    @GetMapping("/reception")
    String desk(
            Caller caller,
            @RequestParam(required = false) Long department,
            @RequestParam(required = false) Long issued,
            @RequestParam(defaultValue = "false") boolean held,
            @RequestParam(required = false) Long cancelled,
            @RequestParam(required = false) Long stale,
            Model model) {
        notice(caller, "issued", issued, model);
        notice(caller, "cancelled", cancelled, model);
        notice(caller, "stale", stale, model);
        model.addAttribute("held", held);
        return page.render(caller, department, model);
    }

    @GetMapping("/reception/departments/{id}/queue")
    String queue(Caller caller, @PathVariable long id, Model model) {
        access.requireQueue(caller, id);
        model.addAttribute("desk", reception.desk(id));
        return ReceptionPage.VIEW + " :: queue";
    }

    private void notice(Caller caller, String name, Long tokenId, Model model) {
        if (tokenId != null) {
            access.requireRead(caller, tokenId);
            model.addAttribute(name, TokenView.forStaff(queries.get(tokenId)));
        }
    }
}
