-- The priority streak of a department (see QueueOrder) reads its latest calls of PRIORITY and NORMAL
-- tokens, newest first; without this index that read would scan every token the department ever had.
CREATE INDEX token_recent_calls ON token (department_id, called_at DESC)
    WHERE call_reason IS NOT NULL AND priority <> 'EMERGENCY';
