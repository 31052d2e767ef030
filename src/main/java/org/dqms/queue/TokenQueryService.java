package org.dqms.queue;

import java.util.List;
import java.util.UUID;
import org.dqms.platform.NotFoundException;
import org.dqms.platform.PageView;
import org.dqms.queue.TokenQueryRepository.TokenFilter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads tokens for the API: one token, its history, or a filtered page. */
@Service
class TokenQueryService {

    private final TokenRepository tokens;
    private final TokenQueryRepository queries;

    TokenQueryService(TokenRepository tokens, TokenQueryRepository queries) {
        this.tokens = tokens;
        this.queries = queries;
    }

    /** The token, or {@link NotFoundException} (404). */
    @Transactional(readOnly = true)
    Token get(long id) {
        return tokens.find(id).orElseThrow(() -> new NotFoundException("Token", id));
    }

    /** Every transition of the token, oldest first, starting with its join. */
    @Transactional(readOnly = true)
    List<TokenTransition> history(long id) {
        if (!queries.exists(id)) {
            throw new NotFoundException("Token", id);
        }
        return tokens.history(id);
    }

    /** Page {@code page} (from 0) of the tokens the patient account holds, newest first. */
    @Transactional(readOnly = true)
    PageView<TokenView> heldBy(long userId, int page, int size) {
        List<TokenView> items = queries.heldBy(userId, size, (long) page * size).stream()
                .map(TokenView::of)
                .toList();
        return PageView.of(items, page, size, queries.countHeldBy(userId));
    }

    /**
     * The token its capability link names, or {@link NotFoundException} (404). One statement, so no
     * transaction: a phone's position lookup is this read alone while its department's view is
     * current (ADR 0018).
     */
    Token byLink(UUID publicId) {
        return tokens.findByPublicId(publicId).orElseThrow(() -> new NotFoundException("Token", publicId));
    }

    /** Page {@code page} (from 0) of {@code size} tokens matching the filter, for staff. */
    @Transactional(readOnly = true)
    PageView<TokenView> search(TokenFilter filter, int page, int size) {
        List<TokenView> items = queries.search(filter, size, (long) page * size).stream()
                .map(TokenView::forStaff)
                .toList();
        return PageView.of(items, page, size, queries.count(filter));
    }
}
