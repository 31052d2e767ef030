package org.dqms.queue;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.dqms.department.PublicLinks;
import org.dqms.department.QrCode;
import org.dqms.platform.PageController;
import org.dqms.queue.ReceptionService.Ticket;
import org.dqms.security.Caller;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The printed ticket of a walk-in, for an 80 mm receipt printer: the number, when it was issued in
 * the department's time, the place in the queue, and a QR code of the token's capability link, so a
 * patient with a phone can follow the queue from there. Not the patient's name: tickets get left on
 * chairs.
 */
@PageController
class TicketController {

    private final ReceptionService reception;
    private final TokenAccess access;
    private final PublicLinks links;
    private final MessageSource messages;

    TicketController(ReceptionService reception, TokenAccess access, PublicLinks links, MessageSource messages) {
        this.reception = reception;
        this.access = access;
        this.links = links;
        this.messages = messages;
    }

    @GetMapping("/reception/tokens/{id}/ticket")
    String ticket(Caller caller, @PathVariable long id, Locale locale, Model model) {
        access.requireRead(caller, id);
        Ticket ticket = reception.ticket(id);
        Token token = ticket.token();
        String number = token.number().display();
        String link = links.absolute("/t/" + token.publicId());
        ZonedDateTime issued = token.joinedAt().atZone(ticket.department().timeZone());
        model.addAttribute("department", ticket.department());
        model.addAttribute("number", number);
        model.addAttribute(
                "issuedDate",
                DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                        .withLocale(locale)
                        .format(issued));
        model.addAttribute("issuedTime", DateTimeFormatter.ofPattern("HH:mm").format(issued));
        model.addAttribute("position", ticket.position());
        model.addAttribute("link", link);
        model.addAttribute(
                "qr", QrCode.svg(link, messages.getMessage("ticket.qr.label", new Object[] {number}, locale)));
        return "reception/ticket";
    }
}
