package org.dqms.security;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Hit counters per bucket and fixed window, shared by every instance on the database. */
class RateLimitRepository {

    // Every statement here commits without waiting for the WAL to reach disk (synchronous_commit off
    // for its own transaction only): a counter is not worth a flush per request, and what a crash of
    // the database can lose is the last fraction of a second of hits. The setting ends with the
    // statement's transaction, so the pooled session keeps the server's synchronous_commit.
    private static final String ASYNC_COMMIT = "SELECT set_config('synchronous_commit', 'off', true) AS async";

    // One round trip, and concurrent hits on one bucket queue up on its row: no hit is lost.
    private static final String HIT = """
            WITH async_commit AS (%s),
            hit AS (
                INSERT INTO dqms.rate_limit (bucket, window_start, window_end, hits)
                VALUES (:bucket, :windowStart, :windowEnd, 1)
                ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit.hits + 1
                RETURNING hits
            )
            SELECT hit.hits FROM hit, async_commit
            """.formatted(ASYNC_COMMIT);

    // Both of a request's hits in one statement and one commit: the client's address, then its phone
    // number, counted only while the address is within its limit (as if the address were refused
    // first). The buckets differ, so the two upserts never touch the same row.
    private static final String HIT_BOTH = """
            WITH async_commit AS (%s),
            ip AS (
                INSERT INTO dqms.rate_limit (bucket, window_start, window_end, hits)
                VALUES (:ipBucket, :ipWindowStart, :ipWindowEnd, 1)
                ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit.hits + 1
                RETURNING hits
            ), phone AS (
                INSERT INTO dqms.rate_limit (bucket, window_start, window_end, hits)
                SELECT :phoneBucket, :phoneWindowStart, :phoneWindowEnd, 1 FROM ip WHERE ip.hits <= :ipMax
                ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit.hits + 1
                RETURNING hits
            )
            SELECT ip.hits AS ip_hits, (SELECT phone.hits FROM phone) AS phone_hits FROM ip, async_commit
            """.formatted(ASYNC_COMMIT);

    private static final String DELETE_ENDED = "DELETE FROM dqms.rate_limit WHERE window_end < :before";

    private final JdbcClient jdbc;

    RateLimitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one hit in the bucket's window and returns the hits counted there so far. */
    int hit(byte[] bucket, Instant windowStart, Instant windowEnd) {
        requireOwnTransaction();
        return jdbc.sql(HIT)
                .param("bucket", bucket)
                .param("windowStart", Timestamp.from(windowStart))
                .param("windowEnd", Timestamp.from(windowEnd))
                .query(Integer.class)
                .single();
    }

    /** A bucket's window, and the most hits it allows. */
    record Window(byte[] bucket, Instant start, Instant end, int max) {}

    /** The hits counted so far in each window; {@code phoneHits} is null when the address was over. */
    record Hits(int ipHits, Integer phoneHits) {}

    /** Counts one hit for the address and, while the address is within its limit, one for the phone. */
    Hits hit(Window ip, Window phone) {
        requireOwnTransaction();
        return jdbc.sql(HIT_BOTH)
                .param("ipBucket", ip.bucket())
                .param("ipWindowStart", Timestamp.from(ip.start()))
                .param("ipWindowEnd", Timestamp.from(ip.end()))
                .param("ipMax", ip.max())
                .param("phoneBucket", phone.bucket())
                .param("phoneWindowStart", Timestamp.from(phone.start()))
                .param("phoneWindowEnd", Timestamp.from(phone.end()))
                .query((rows, n) -> new Hits(rows.getInt("ip_hits"), (Integer) rows.getObject("phone_hits")))
                .single();
    }

    /** Inside another transaction, the asynchronous commit would be that transaction's. */
    private static void requireOwnTransaction() {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a rate-limit hit commits on its own, outside any transaction");
        }
    }

    int deleteWindowsEndedBefore(Instant before) {
        return jdbc.sql(DELETE_ENDED).param("before", Timestamp.from(before)).update();
    }
}
