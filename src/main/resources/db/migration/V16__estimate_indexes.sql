-- Every join and position lookup prices the wait from the department's latest consultations,
-- newest first (QueueRepository RECENT_SERVICE_MINUTES), and from the patients now with a doctor
-- (BEING_SEEN). Without these indexes both read through every token the department ever issued.
CREATE INDEX token_recent_completions ON token (department_id, completed_at DESC, id DESC)
    WHERE completed_at IS NOT NULL AND started_at IS NOT NULL;

CREATE INDEX token_being_seen ON token (department_id) WHERE status IN ('CALLED', 'IN_CONSULTATION');
