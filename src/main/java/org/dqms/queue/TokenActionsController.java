package org.dqms.queue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Optional;
import org.dqms.queue.TokenActionService.Transfer;
import org.dqms.queue.TokenActionService.TransferTarget;
import org.dqms.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What doctors and staff do with the queue: call the next patient, call one out of order, recall,
 * start, complete, mark no-show, transfer and cancel. Each answers with the token as it now is, a
 * wrong status with 409 naming it ({@code currentStatus}), an unknown token or doctor with 404.
 *
 * <p>Who acts is the signed-in {@link Caller}; {@link TokenAccess} keeps reception to its
 * departments and doctors to their own patients (403), patients to their own tokens (404). Staff get
 * the token without its capability link ({@link TokenView#forStaff}): only the patient is shown it.
 */
@RestController
class TokenActionsController {

    private final CallService calls;
    private final TokenActionService actions;
    private final TokenAccess access;

    TokenActionsController(CallService calls, TokenActionService actions, TokenAccess access) {
        this.calls = calls;
        this.actions = actions;
        this.access = access;
    }

    record CallRequest(
            @NotNull @Positive Long doctorId,
            @NotBlank @Size(max = 500) String reason) {}

    record ReasonRequest(@Size(max = 500) String reason) {}

    record CompleteRequest(@Size(max = Token.MAX_NOTES) String notes) {}

    record TransferRequest(
            @Positive Long departmentId,
            @Positive Long doctorId,
            @Size(max = 500) String reason) {}

    /**
     * With {@code completeCurrent}, the doctor's consultation is completed (with the optional
     * {@code notes}) in the same transaction as the call: one request where the console would
     * otherwise send two.
     */
    record CallNextRequest(
            Boolean completeCurrent,
            @Size(max = Token.MAX_NOTES) String notes) {}

    /**
     * 200 with the called token, or 204 when nobody is waiting for this doctor. Without {@code
     * completeCurrent}, 409 while the doctor has a patient called or in consultation.
     */
    @PostMapping("/api/v1/doctors/{doctorId}/call-next")
    ResponseEntity<TokenView> callNext(
            Caller caller, @PathVariable long doctorId, @Valid @RequestBody(required = false) CallNextRequest request) {
        access.requireCallNext(caller, doctorId);
        boolean complete = request != null && Boolean.TRUE.equals(request.completeCurrent());
        if (!complete && request != null && request.notes() != null) {
            throw new IllegalArgumentException("notes: consultation notes come with completeCurrent");
        }
        Optional<Token> called = complete
                ? calls.completeAndCallNext(caller.actor(), doctorId, request.notes())
                : calls.callNext(caller.actor(), doctorId);
        return called.map(token -> ResponseEntity.ok(TokenView.forStaff(token)))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/api/v1/tokens/{id}/call")
    TokenView call(Caller caller, @PathVariable long id, @Valid @RequestBody CallRequest request) {
        access.requireCall(caller, id, request.doctorId());
        return TokenView.forStaff(calls.callOutOfOrder(caller.actor(), id, request.doctorId(), request.reason()));
    }

    /** Back to WAITING in the same place; NO_SHOW instead once the allowed recalls are used up. */
    @PostMapping("/api/v1/tokens/{id}/recall")
    TokenView recall(
            Caller caller, @PathVariable long id, @Valid @RequestBody(required = false) ReasonRequest request) {
        return TokenView.forStaff(actions.recall(caller.actor(), id, reason(request), access.actingOn(caller)));
    }

    @PostMapping("/api/v1/tokens/{id}/start")
    TokenView start(Caller caller, @PathVariable long id) {
        return TokenView.forStaff(actions.start(caller.actor(), id, access.actingOn(caller)));
    }

    @PostMapping("/api/v1/tokens/{id}/complete")
    TokenView complete(
            Caller caller, @PathVariable long id, @Valid @RequestBody(required = false) CompleteRequest request) {
        return TokenView.forStaff(actions.complete(
                caller.actor(), id, request == null ? null : request.notes(), access.actingOn(caller)));
    }

    @PostMapping("/api/v1/tokens/{id}/no-show")
    TokenView noShow(
            Caller caller, @PathVariable long id, @Valid @RequestBody(required = false) ReasonRequest request) {
        return TokenView.forStaff(actions.markNoShow(caller.actor(), id, reason(request), access.actingOn(caller)));
    }

    /** Also for the patient account that holds the token, who is shown its link as ever. */
    @PostMapping("/api/v1/tokens/{id}/cancel")
    TokenView cancel(
            Caller caller, @PathVariable long id, @Valid @RequestBody(required = false) ReasonRequest request) {
        return TokenView.shownTo(caller, actions.cancel(caller.actor(), id, reason(request), access.actingOn(caller)));
    }

    /** 201 with the new token, which links back to this one ({@code previousTokenId}). */
    @PostMapping("/api/v1/tokens/{id}/transfer")
    ResponseEntity<TokenView> transfer(
            Caller caller, @PathVariable long id, @Valid @RequestBody TransferRequest request) {
        Transfer transfer = actions.transfer(
                caller.actor(),
                id,
                new TransferTarget(request.departmentId(), request.doctorId()),
                request.reason(),
                access.actingOn(caller));
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/tokens/{id}")
                .buildAndExpand(transfer.next().id())
                .toUri();
        return ResponseEntity.created(location).body(TokenView.forStaff(transfer.next()));
    }

    static String reason(ReasonRequest request) {
        return request == null ? null : request.reason();
    }
}
