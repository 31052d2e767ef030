package org.dqms.queue;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
import org.dqms.accounts.Role;
import org.dqms.queue.JoinService.Joined;
import org.dqms.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Taking a token: 201 with the new token, or 200 with the one the patient already holds (same
 * phone, or a retry with the same {@code Idempotency-Key}). Anybody may join, as NORMAL; an
 * emergency or priority join is for staff (403 otherwise), reception joins walk-ins to its own
 * departments, and doctors do not join patients.
 */
@RestController
class JoinController {

    private final JoinService joins;
    private final TokenAccess access;

    JoinController(JoinService joins, TokenAccess access) {
        this.joins = joins;
        this.access = access;
    }

    @PostMapping("/api/v1/departments/{departmentId}/tokens")
    ResponseEntity<TokenView> join(
            Caller caller,
            @PathVariable long departmentId,
            @Valid @RequestBody JoinRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        access.requireJoin(caller, departmentId, request.priority(), request.channel());
        JoinCommand command = request.toCommand();
        // A signed-in patient joins for themselves, and then finds the token under /api/v1/me/tokens.
        if (caller.is(Role.PATIENT)) {
            command = command.heldBy(caller.userId());
        }
        Joined joined = joins.join(caller.actor(), departmentId, command, Optional.ofNullable(idempotencyKey));
        TokenView token = TokenView.of(joined.token());
        if (!joined.created()) {
            return ResponseEntity.ok(token);
        }
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/tokens/{id}")
                .buildAndExpand(token.id())
                .toUri();
        return ResponseEntity.created(location).body(token);
    }
}
