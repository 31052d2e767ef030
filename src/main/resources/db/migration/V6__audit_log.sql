-- Security-relevant events: who did what, to what, when and from which address. Rows are only added.
-- No password, password hash, token or full patient email or phone is stored: emails are masked to
-- their first letter and domain, and details hold ids, never free text a person typed.
CREATE TABLE audit_log (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor      text        NOT NULL,
    action     text        NOT NULL,
    target     text        NOT NULL DEFAULT '',
    client_ip  text,
    details    jsonb       NOT NULL DEFAULT '{}'::jsonb
);

-- Administrators page through it newest first, optionally by action or actor.
CREATE INDEX audit_log_by_time ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_by_action ON audit_log (action, at DESC);
CREATE INDEX audit_log_by_actor ON audit_log (actor, at DESC);
