package org.dqms.queue;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
import org.dqms.platform.Actor;
import org.dqms.queue.JoinService.Joined;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Taking a token: 201 with the new token, or 200 with the one the patient already holds (same
 * phone, or a retry with the same {@code Idempotency-Key}).
 */
@RestController
class JoinController {

    // Until accounts exist nobody signs in, so every join is made by an anonymous patient; the
    // channel in the history says whether it came from reception or a kiosk.
    private static final Actor ANONYMOUS = Actor.patient("anonymous");

    private final JoinService joins;

    JoinController(JoinService joins) {
        this.joins = joins;
    }

    @PostMapping("/api/v1/departments/{departmentId}/tokens")
    ResponseEntity<TokenView> join(
            @PathVariable long departmentId,
            @Valid @RequestBody JoinRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Joined joined = joins.join(ANONYMOUS, departmentId, request.toCommand(), Optional.ofNullable(idempotencyKey));
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
