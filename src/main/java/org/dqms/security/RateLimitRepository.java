package org.dqms.security;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Hit counters per bucket and fixed window, shared by every instance on the database. */
class RateLimitRepository {

    // One round trip, and concurrent hits on one bucket queue up on its row: no hit is lost.
    private static final String HIT = """
            INSERT INTO dqms.rate_limit (bucket, window_start, window_end, hits)
            VALUES (:bucket, :windowStart, :windowEnd, 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit.hits + 1
            RETURNING hits
            """;

    private static final String DELETE_ENDED = "DELETE FROM dqms.rate_limit WHERE window_end < :before";

    private final JdbcClient jdbc;

    RateLimitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one hit in the bucket's window and returns the hits counted there so far. */
    int hit(byte[] bucket, Instant windowStart, Instant windowEnd) {
        return jdbc.sql(HIT)
                .param("bucket", bucket)
                .param("windowStart", Timestamp.from(windowStart))
                .param("windowEnd", Timestamp.from(windowEnd))
                .query(Integer.class)
                .single();
    }

    int deleteWindowsEndedBefore(Instant before) {
        return jdbc.sql(DELETE_ENDED).param("before", Timestamp.from(before)).update();
    }
}
