-- Rate limit counters, shared by every instance: one row per bucket and fixed window. A bucket is
-- the SHA-256 hash of what is limited (e.g. "join:phone:+919812345678"), so the table holds no
-- address or phone number. Rows of ended windows are swept away.
CREATE TABLE rate_limit (
    bucket        bytea       NOT NULL CHECK (octet_length(bucket) = 32),
    window_start  timestamptz NOT NULL,
    window_end    timestamptz NOT NULL,
    hits          integer     NOT NULL CHECK (hits > 0),
    PRIMARY KEY (bucket, window_start),
    CONSTRAINT rate_limit_window_ends_after_start CHECK (window_end > window_start)
);

-- The sweep deletes rows whose window ended.
CREATE INDEX rate_limit_window_end ON rate_limit (window_end);
