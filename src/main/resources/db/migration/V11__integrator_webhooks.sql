-- Webhooks for integrators (hospital information systems, BI tools): endpoints an administrator
-- registers, each with its own secret, delivered through the same outbox as patient messages.
CREATE TABLE webhook_endpoint (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url         text        NOT NULL CHECK (url ~ '^https?://'),
    secret      text        NOT NULL CHECK (length(secret) >= 32),
    events      text[]      NOT NULL CHECK (cardinality(events) > 0 AND events <@ ARRAY['token.joined', 'token.called',
                            'token.completed', 'token.no_show', 'token.cancelled', 'token.transferred']::text[]),
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL
);

ALTER TABLE notification_outbox ADD COLUMN endpoint_id bigint REFERENCES webhook_endpoint (id) ON DELETE CASCADE;
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_channel_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_channel_check
    CHECK (channel IN ('SMS', 'WHATSAPP', 'EMAIL', 'WEBHOOK'));
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_kind_check
    CHECK (kind IN ('TURN_NEAR', 'CALLED', 'token.joined', 'token.called', 'token.completed', 'token.no_show',
                    'token.cancelled', 'token.transferred'));
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_webhook_has_endpoint
    CHECK ((channel = 'WEBHOOK') = (endpoint_id IS NOT NULL));

-- The delivery log of an endpoint, and the per-token order of its deliveries.
CREATE INDEX notification_outbox_endpoint ON notification_outbox (endpoint_id, token_id, id) WHERE endpoint_id IS NOT NULL;
