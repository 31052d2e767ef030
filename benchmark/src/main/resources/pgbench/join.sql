-- The join's statement as JoinService runs it in its own transaction (JoinRepository.ISSUE, which
-- embeds TokenCounterRepository.TAKE_NEXT): the next number of the day from the department's counter
-- row, the WAITING token, its first history line, and the token read back with its prefix.
-- Variables (pgbench -D): deptbase, ndept, day (the departments' service date), capacity. The
-- phone is unique per department and day.
\set dept :deptbase + random(0, :ndept - 1)
BEGIN;
WITH next_number AS (
    INSERT INTO dqms.token_counter (department_id, service_date, last_number, last_joined_at)
    VALUES (:dept, :day, 1, now())
    ON CONFLICT (department_id, service_date)
    DO UPDATE SET last_number = token_counter.last_number + 1,
                  last_joined_at = greatest(token_counter.last_joined_at, EXCLUDED.last_joined_at)
            WHERE token_counter.last_number < :capacity
    RETURNING last_number, last_joined_at
), issued AS (
    INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, email,
                            preferred_doctor_id, channel, priority, status, idempotency_key,
                            joined_at, patient_user_id, notify_channels, language)
    SELECT :dept, :day, n.last_number, 'Patient', '+1' || (2000000000::bigint + :dept * 1000000 + n.last_number),
           NULL, NULL, 'WEB', 'NORMAL', 'WAITING', NULL, n.last_joined_at, NULL, CAST('{}' AS text[]), NULL
      FROM next_number n
    ON CONFLICT DO NOTHING
    RETURNING *
), history AS (
    INSERT INTO dqms.token_history (token_id, from_status, to_status, actor, reason, at)
    SELECT id, NULL, 'WAITING', 'anonymous', 'joined via WEB', joined_at FROM issued
)
SELECT EXISTS (SELECT 1 FROM next_number) AS numbered,
       t.id, t.public_id, t.department_id, t.service_date, t.number, d.prefix, t.patient_name, t.phone,
       t.email, t.preferred_doctor_id, t.channel, t.priority, t.status, t.doctor_id, t.recall_count,
       t.call_reason, t.previous_token_id, t.joined_at, t.called_at, t.started_at, t.completed_at,
       t.ended_at, t.consultation_notes, t.version
  FROM (SELECT 1) AS one
  LEFT JOIN issued t ON true
  LEFT JOIN dqms.department d ON d.id = t.department_id;
COMMIT;
