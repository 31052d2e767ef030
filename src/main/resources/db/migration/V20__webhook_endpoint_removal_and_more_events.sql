-- A removed endpoint is marked, not deleted. The delete cascaded through the endpoint's delivery log
-- and, until it committed, a token event that still saw the endpoint wrote a row for it, waited on
-- the foreign key, and failed the patient's join, call or check-in once the delete committed. Marking
-- takes no lock a token event waits for; RemovedEndpointsPurge deletes the rows later, in batches.
ALTER TABLE webhook_endpoint ADD COLUMN removed_at timestamptz;
ALTER TABLE webhook_endpoint ADD CONSTRAINT webhook_endpoint_removed_is_inactive
    CHECK (removed_at IS NULL OR NOT active);
