package org.dqms.analytics;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tokens a test wrote with exact times in the past, the wait quotes it gave them, and their removal
 * after the test.
 */
final class WrittenTokens {

    // Test data only: the queue's own services quote a wait at the moment of joining.
    private static final String INSERT_QUOTE = """
            INSERT INTO dqms.wait_quote (token_id, quoted_at, ahead, doctors_on_duty, service_minutes,
                                         likely_minutes, upper_minutes)
            VALUES (:tokenId, now(), 1, 1, 10, :likely, :upper)
            """;

    private final JdbcClient jdbc;
    private final List<Long> ids = new ArrayList<>();

    WrittenTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the token for {@link #remove()}; its id. */
    long written(long tokenId) {
        ids.add(tokenId);
        return tokenId;
    }

    /** A wait quoted to the token: {@code likely} minutes, {@code upper} at most. */
    void quote(long tokenId, int likely, int upper) {
        jdbc.sql(INSERT_QUOTE)
                .param("tokenId", tokenId)
                .param("likely", likely)
                .param("upper", upper)
                .update();
    }

    /** Removes the tokens written, with their quotes. */
    void remove() {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM dqms.wait_quote WHERE token_id IN (:ids)")
                .param("ids", ids)
                .update();
        jdbc.sql("DELETE FROM dqms.token WHERE id IN (:ids)").param("ids", ids).update();
        ids.clear();
    }
}
