-- Notifications: the channels a patient agreed to at join, and the transactional outbox of what
-- is to be sent, written in the same transaction as the queue change it tells of.

ALTER TABLE token ADD COLUMN notify_channels text[] NOT NULL DEFAULT '{}'
    CONSTRAINT token_notify_channels_known CHECK (notify_channels <@ ARRAY['SMS', 'WHATSAPP', 'EMAIL']::text[]);

-- One row per message to send. The idempotency key makes an intent unique (a second intent for the
-- same thing is dropped) and goes to the provider, so that a send retried after a crash is
-- delivered once. Claims use SKIP LOCKED and a lease, so several instances share the work.
CREATE TABLE notification_outbox (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key  text        NOT NULL UNIQUE,
    kind             text        NOT NULL CHECK (kind IN ('TURN_NEAR', 'CALLED')),
    channel          text        NOT NULL CHECK (channel IN ('SMS', 'WHATSAPP', 'EMAIL')),
    token_id         bigint      REFERENCES token (id),
    recipient        text        NOT NULL,
    subject          text        NOT NULL DEFAULT '',
    body             text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    lease_until      timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz
);

CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX notification_outbox_token ON notification_outbox (token_id);
