package org.dqms.queue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.util.List;
import org.dqms.platform.PageView;
import org.dqms.queue.TokenQueryRepository.TokenFilter;
import org.dqms.security.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading tokens: one token, its history, and filtered lists. */
@RestController
@RequestMapping("/api/v1/tokens")
@Validated
class TokenController {

    private final TokenQueryService queries;
    private final TokenAccess access;

    TokenController(TokenQueryService queries, TokenAccess access) {
        this.queries = queries;
        this.access = access;
    }

    /**
     * For staff in scope and the patient account that holds it; anyone else has the capability link,
     * which only that patient is shown.
     */
    @GetMapping("/{id}")
    TokenView get(Caller caller, @PathVariable long id) {
        access.requireRead(caller, id);
        return TokenView.shownTo(caller, queries.get(id));
    }

    /** Each transition as {@code from}, {@code to}, {@code actor}, {@code reason} and {@code at}. */
    @GetMapping("/{id}/history")
    List<TokenTransition> history(Caller caller, @PathVariable long id) {
        access.requireRead(caller, id);
        return queries.history(id);
    }

    /**
     * Tokens by department, doctor, status and service date, any of them optional; {@code page}
     * counts from 0 and {@code size} is at most 100. Reception and doctors name a department (or a
     * doctor, themselves) they work in.
     */
    @GetMapping
    PageView<TokenView> list(
            Caller caller,
            @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) Long doctorId,
            @RequestParam(required = false) TokenStatus status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        TokenFilter filter = new TokenFilter(departmentId, doctorId, status, date);
        access.requireList(caller, filter);
        return queries.search(filter, page, size);
    }
}
