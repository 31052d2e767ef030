package org.dqms.queue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.dqms.platform.PageView;
import org.dqms.security.Caller;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A signed-in patient's own tokens, newest first: those joined while signed in, and their transfers. */
@RestController
@Validated
class MyTokensController {

    private final TokenQueryService queries;

    MyTokensController(TokenQueryService queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/me/tokens")
    PageView<TokenView> mine(
            Caller caller,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return queries.heldBy(caller.userId(), page, size);
    }
}
