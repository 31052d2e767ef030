package org.dqms.queue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.regex.Pattern;
import org.dqms.platform.Actor;
import org.dqms.queue.TokenActionService.Transfer;
import org.dqms.queue.TokenActionService.TransferTarget;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What doctors and staff do with the queue: call the next patient, call one out of order, recall,
 * start, complete, mark no-show, transfer and cancel. Each answers with the token as it now is, a
 * wrong status with 409 naming it ({@code currentStatus}), an unknown token or doctor with 404.
 *
 * <p>Until staff sign in, who acts comes from the {@value #STAFF_HEADER} header; without it, the
 * calling doctor ({@code doctor-<id>}) or {@code anonymous}.
 */
@RestController
class TokenActionsController {

    static final String STAFF_HEADER = "X-Staff-Id";

    private static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final CallService calls;
    private final TokenActionService actions;

    TokenActionsController(CallService calls, TokenActionService actions) {
        this.calls = calls;
        this.actions = actions;
    }

    record CallRequest(
            @NotNull @Positive Long doctorId,
            @NotBlank @Size(max = 500) String reason) {}

    record ReasonRequest(@Size(max = 500) String reason) {}

    record CompleteRequest(@Size(max = 4000) String notes) {}

    record TransferRequest(
            @Positive Long departmentId,
            @Positive Long doctorId,
            @Size(max = 500) String reason) {}

    /** 200 with the called token, or 204 when nobody is waiting for this doctor. */
    @PostMapping("/api/v1/doctors/{doctorId}/call-next")
    ResponseEntity<TokenView> callNext(
            @PathVariable long doctorId, @RequestHeader(name = STAFF_HEADER, required = false) String staff) {
        return calls.callNext(actor(staff, "doctor-" + doctorId), doctorId)
                .map(token -> ResponseEntity.ok(TokenView.of(token)))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/api/v1/tokens/{id}/call")
    TokenView call(
            @PathVariable long id,
            @Valid @RequestBody CallRequest request,
            @RequestHeader(name = STAFF_HEADER, required = false) String staff) {
        Actor actor = actor(staff, "doctor-" + request.doctorId());
        return TokenView.of(calls.callOutOfOrder(actor, id, request.doctorId(), request.reason()));
    }

    /** Back to WAITING in the same place; NO_SHOW instead once the allowed recalls are used up. */
    @PostMapping("/api/v1/tokens/{id}/recall")
    TokenView recall(
            @PathVariable long id,
            @Valid @RequestBody(required = false) ReasonRequest request,
            @RequestHeader(name = STAFF_HEADER, required = false) String staff) {
        return TokenView.of(actions.recall(actor(staff), id, reason(request)));
    }

    @PostMapping("/api/v1/tokens/{id}/start")
    TokenView start(@PathVariable long id, @RequestHeader(name = STAFF_HEADER, required = false) String staff) {
        return TokenView.of(actions.start(actor(staff), id));
    }

    @PostMapping("/api/v1/tokens/{id}/complete")
    TokenView complete(
            @PathVariable long id,
            @Valid @RequestBody(required = false) CompleteRequest request,
            @RequestHeader(name = STAFF_HEADER, required = false) String staff) {
        return TokenView.of(actions.complete(actor(staff), id, request == null ? null : request.notes()));
    }

    @PostMapping("/api/v1/tokens/{id}/no-show")
    TokenView noShow(
            @PathVariable long id,
            @Valid @RequestBody(required = false) ReasonRequest request,
            @RequestHeader(name = STAFF_HEADER, required = false) String staff) {
        return TokenView.of(actions.markNoShow(actor(staff), id, reason(request)));
    }

    @PostMapping("/api/v1/tokens/{id}/cancel")
    TokenView cancel(
            @PathVariable long id,
            @Valid @RequestBody(required = false) ReasonRequest request,
            @RequestHeader(name = STAFF_HEADER, required = false) String staff) {
        return TokenView.of(actions.cancel(actor(staff), id, reason(request)));
    }

    /** 201 with the new token, which links back to this one ({@code previousTokenId}). */
    @PostMapping("/api/v1/tokens/{id}/transfer")
    ResponseEntity<TokenView> transfer(
            @PathVariable long id,
            @Valid @RequestBody TransferRequest request,
            @RequestHeader(name = STAFF_HEADER, required = false) String staff) {
        Transfer transfer = actions.transfer(
                actor(staff), id, new TransferTarget(request.departmentId(), request.doctorId()), request.reason());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/tokens/{id}")
                .buildAndExpand(transfer.next().id())
                .toUri();
        return ResponseEntity.created(location).body(TokenView.of(transfer.next()));
    }

    private static String reason(ReasonRequest request) {
        return request == null ? null : request.reason();
    }

    private static Actor actor(String staff) {
        return actor(staff, "anonymous");
    }

    private static Actor actor(String staff, String fallback) {
        if (staff == null) {
            return Actor.staff(fallback);
        }
        if (!STAFF_ID.matcher(staff).matches()) {
            throw new IllegalArgumentException(STAFF_HEADER + " must be 1 to 64 letters, digits or ._@-");
        }
        return Actor.staff(staff);
    }
}
