package org.dqms.database;

import java.util.Optional;

/**
 * What pg_stat_ssl can tell about a connection whose {@code sslmode} requires TLS. It describes
 * the client of the server session; behind a pooler that client is the pooler, so it shows the
 * pooler's own connection to PostgreSQL (often plain, on the same host or network), not dqms'
 * connection to the pooler, which pgjdbc has already encrypted, and verified as the sslmode says.
 */
final class SessionTls {

    private SessionTls() {}

    /** Whether pg_stat_ssl speaks of a pooler's session: DATABASE_URL that dqms takes for a pooler. */
    static boolean seenThroughPooler(PostgresUrl url) {
        return url.variable().equals(ConnectionTargets.POOLED) && url.looksLikeTransactionPooler();
    }

    /**
     * Why the session cannot be trusted: its sslmode requires TLS but it is plain, with no pooler
     * in between to explain it. Direct sessions are always held to it.
     */
    static Optional<String> problem(PostgresUrl url, ConnectionReport.Tls tls) {
        if (!url.sslMode().requiresTls() || tls.on() || seenThroughPooler(url)) {
            return Optional.empty();
        }
        return Optional.of(
                "sslmode=" + url.sslMode().value() + " but the session is not encrypted (pg_stat_ssl.ssl is false)");
    }

    /** The TLS state for the log and {@code db check}; behind a pooler, of both legs. */
    static String describe(PostgresUrl url, ConnectionReport.Tls tls) {
        if (!seenThroughPooler(url)) {
            return tls.describe();
        }
        return "to the pooler sslmode=" + url.sslMode().value() + ", pooler to PostgreSQL " + tls.describe();
    }
}
