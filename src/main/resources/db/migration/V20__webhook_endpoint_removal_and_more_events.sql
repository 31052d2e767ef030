-- A removed endpoint is marked, not deleted. The delete cascaded through the endpoint's delivery log
-- and, until it committed, a token event that still saw the endpoint wrote a row for it, waited on
-- the foreign key, and failed the patient's join, call or check-in once the delete committed. Marking
-- takes no lock a token event waits for; RemovedEndpointsPurge deletes the rows later, in batches.
ALTER TABLE webhook_endpoint ADD COLUMN removed_at timestamptz;
ALTER TABLE webhook_endpoint ADD CONSTRAINT webhook_endpoint_removed_is_inactive
    CHECK (removed_at IS NULL OR NOT active);

-- Integrators also learn of recalls, started consultations and tokens expired at closing time.
ALTER TABLE webhook_endpoint DROP CONSTRAINT webhook_endpoint_events_check;
ALTER TABLE webhook_endpoint ADD CONSTRAINT webhook_endpoint_events_check
    CHECK (cardinality(events) > 0 AND events <@ ARRAY['token.joined', 'token.called', 'token.recalled',
           'token.started', 'token.completed', 'token.no_show', 'token.cancelled', 'token.transferred',
           'token.expired']::text[]);
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_kind_check
    CHECK (kind IN ('TURN_NEAR', 'CALLED', 'REMINDER', 'token.joined', 'token.called', 'token.recalled',
                    'token.started', 'token.completed', 'token.no_show', 'token.cancelled', 'token.transferred',
                    'token.expired'));
