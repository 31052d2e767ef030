package org.dqms.database;

import java.util.Optional;
import org.dqms.platform.InvalidSettingException;

/**
 * Where dqms connects: the pooled URL for application traffic and the direct URL for migrations
 * and anything that needs a session of its own (LISTEN, advisory locks).
 *
 * @param pooled the pooled connection ({@code DATABASE_URL})
 * @param direct the direct connection; the pooled URL when {@code DIRECT_DATABASE_URL} is unset
 * @param directProblem why the direct connection cannot be used, if it cannot
 * @param embedded the embedded server, when there is no {@code DATABASE_URL}
 */
record ConnectionTargets(
        PostgresUrl pooled,
        PostgresUrl direct,
        Optional<String> directProblem,
        Optional<EmbeddedPostgresServer> embedded) {

    static final String POOLED = "DATABASE_URL";
    static final String DIRECT = "DIRECT_DATABASE_URL";

    /** The direct URL, or a refusal that says why it cannot be used for a session. */
    PostgresUrl requireDirect() {
        directProblem.ifPresent(problem -> {
            throw new InvalidSettingException(DIRECT, problem);
        });
        return direct;
    }

    boolean isEmbedded() {
        return embedded.isPresent();
    }
}
