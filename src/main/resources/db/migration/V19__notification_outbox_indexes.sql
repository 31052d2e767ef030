-- The claim takes patients' messages before integrators' webhooks, each by due time
-- (OutboxRepository CLAIM). This index holds the unsent rows in that order, so a claim reads the
-- first due rows and stops, however many webhooks a dead endpoint has piled up; it replaces the
-- index on the due time alone.
CREATE INDEX notification_outbox_claim ON notification_outbox ((endpoint_id IS NOT NULL), next_attempt_at, id)
    WHERE status IN ('PENDING', 'SENDING');
DROP INDEX notification_outbox_due;
