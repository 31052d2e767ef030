package org.dqms.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import org.dqms.platform.PageView;
import org.dqms.platform.ServerOnly;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for administrators: /api/v1/audit, newest first. The check here does not wait for
 * the endpoint matrix: without a bearer token the answer is 401, with one whose role is not ADMIN
 * 403.
 */
@RestController
@RequestMapping("/api/v1/audit")
@ServerOnly
class AuditController {

    static final String ADMIN = "ADMIN";
    private static final String ROLE_CLAIM = "role";
    private static final String CHALLENGE = "Bearer realm=\"dqms\"";

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    /**
     * A page of entries; {@code action} and {@code actor} match exactly, {@code from} (inclusive) and
     * {@code to} (exclusive) are ISO-8601 instants such as {@code 2026-01-31T08:00:00Z}.
     */
    @GetMapping
    ResponseEntity<?> list(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) AuditAction action,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (token == null) {
            return problem(
                    HttpStatus.UNAUTHORIZED, "Not signed in", "Sign in as an administrator to read the audit log.");
        }
        if (!ADMIN.equals(token.getClaimAsString(ROLE_CLAIM))) {
            return problem(HttpStatus.FORBIDDEN, "Forbidden", "Your account may not make this request.");
        }
        String actorFilter = actor == null || actor.isBlank() ? null : actor.strip();
        PageView<AuditEntry> entries = log.page(new AuditFilter(action, actorFilter, from, to), page, size);
        return ResponseEntity.ok(entries);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        return response.body(problem);
    }
}
