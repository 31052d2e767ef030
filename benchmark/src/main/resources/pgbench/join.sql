-- The join's writes, as JoinService runs them in one transaction (TokenCounterRepository.TAKE_NEXT,
-- JoinRepository.INSERT, TokenRepository.INSERT_HISTORY): the next number of the day from the
-- department's counter row, the WAITING token, and its first history line.
-- Variables (pgbench -D): deptbase, ndept, day (the departments' service date), capacity. The
-- phone is unique per department and day.
\set dept :deptbase + random(0, :ndept - 1)
BEGIN;
INSERT INTO dqms.token_counter (department_id, service_date, last_number)
VALUES (:dept, :day, 1)
ON CONFLICT (department_id, service_date)
DO UPDATE SET last_number = token_counter.last_number + 1
        WHERE token_counter.last_number < :capacity
RETURNING last_number \gset
INSERT INTO dqms.token (id, department_id, service_date, number, patient_name, phone, email,
                        preferred_doctor_id, channel, priority, status, idempotency_key,
                        previous_token_id, joined_at, patient_user_id, notify_channels)
OVERRIDING SYSTEM VALUE
VALUES (coalesce(NULL, nextval(pg_get_serial_sequence('dqms.token', 'id'))), :dept,
        :day, :last_number, 'Patient', '+1' || (2000000000::bigint + :dept * 1000000 + :last_number), NULL, NULL, 'WEB',
        'NORMAL', 'WAITING', NULL, NULL, now(),
        coalesce(NULL, (SELECT p.patient_user_id FROM dqms.token p WHERE p.id = NULL)),
        coalesce((SELECT p.notify_channels FROM dqms.token p WHERE p.id = NULL), CAST('{}' AS text[])))
RETURNING id \gset
INSERT INTO dqms.token_history (token_id, from_status, to_status, actor, reason, at)
VALUES (:id, NULL, 'WAITING', 'anonymous', 'joined via WEB', now());
COMMIT;
