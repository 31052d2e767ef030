package org.dqms.queue;

import jakarta.validation.Valid;
import java.util.UUID;
import org.dqms.queue.PositionService.TokenPosition;
import org.dqms.queue.TokenActionsController.ReasonRequest;
import org.dqms.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A token by its capability link, {@code /api/v1/tokens/by-link/{publicId}}: what the patient's
 * phone shows after joining from the QR page, without an account. The random UUID is the
 * credential, so whoever has the link may see the token and cancel it; the numeric id, which can be
 * guessed, is for staff and the account that holds the token.
 */
@RestController
@RequestMapping("/api/v1/tokens/by-link/{publicId}")
class TokenLinkController {

    private final TokenQueryService queries;
    private final PositionService positions;
    private final TokenActionService actions;

    TokenLinkController(TokenQueryService queries, PositionService positions, TokenActionService actions) {
        this.queries = queries;
        this.positions = positions;
        this.actions = actions;
    }

    /** The token and its place in the queue with the estimated wait. */
    record LinkedToken(TokenView token, TokenPosition position) {}

    /** A waiting token comes from its department's view, any other from the table. */
    @GetMapping
    LinkedToken get(@PathVariable UUID publicId) {
        return positions
                .waitingByLink(publicId)
                .map(waiting -> new LinkedToken(waiting.token(), waiting.position()))
                .orElseGet(() -> {
                    Token token = queries.byLink(publicId);
                    return new LinkedToken(TokenView.of(token), positions.position(token));
                });
    }

    @PostMapping("/cancel")
    TokenView cancel(
            Caller caller, @PathVariable UUID publicId, @Valid @RequestBody(required = false) ReasonRequest request) {
        Token token = queries.byLink(publicId);
        return TokenView.of(actions.cancel(
                caller.actor(), token.id(), TokenActionsController.reason(request), TokenActionService.ANYONE));
    }
}
