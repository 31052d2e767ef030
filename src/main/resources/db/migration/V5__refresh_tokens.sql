-- Refresh tokens: one row per token ever issued. A sign-in starts a family; each refresh spends its
-- token (used_at, replaced_by) and adds the next one to the family. Presenting a spent token again
-- means it was copied, so the whole family is revoked. Only a SHA-256 hash of each token is kept:
-- a copy of this table signs nobody in.
CREATE TABLE refresh_token (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    family_id    uuid        NOT NULL,
    token_hash   bytea       NOT NULL CHECK (octet_length(token_hash) = 32),
    issued_at    timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    revoked_at   timestamptz,
    replaced_by  bigint      REFERENCES refresh_token (id) ON DELETE SET NULL,
    CONSTRAINT refresh_token_hash_unique UNIQUE (token_hash),
    CONSTRAINT refresh_token_expires_after_issue CHECK (expires_at > issued_at),
    CONSTRAINT refresh_token_replaced_when_used CHECK (replaced_by IS NULL OR used_at IS NOT NULL)
);

CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);
-- The sweep deletes families whose last token expired long ago.
CREATE INDEX refresh_token_expiry ON refresh_token (expires_at);
