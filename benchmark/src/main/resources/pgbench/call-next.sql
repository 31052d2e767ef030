-- A doctor's cycle as dqms runs it, in two transactions: the console's "complete and call next"
-- (CallService.completeAndCallNext), then start (TokenActionService). The first completes the
-- patient with the doctor, if any, then claims and calls the next; the second starts the
-- consultation, which the doctor's next cycle completes. Each has the statements that claim or lock
-- the token and write it: QueueRepository.GENERIC_PLANS and CLAIM_NEXT_IN_DEPARTMENT (the priority
-- streak, then the first free token of each class in turn, FOR NO KEY UPDATE SKIP LOCKED),
-- TokenRepository.LOCK_BY_ID, UPDATE_WITH_HISTORY (the update and its history line in one
-- statement), and the audit entry (AuditRepository.INSERT) that commits with each transition. The
-- reads dqms does around them (the doctor, the doctor's active token, the actor of the audit entry,
-- webhook subscriptions) are not here; the doctor's patient is found and locked in one statement.
-- Each client is one doctor: doctor docbase + client_id, in department deptbase + client_id % ndept,
-- as the benchmark's doctors are laid out. Variables (pgbench -D): docbase, deptbase, ndept.
\set doctor :docbase + :client_id
\set dept :deptbase + (:client_id % :ndept)
\set streaklimit 3
BEGIN;
SET LOCAL plan_cache_mode = force_generic_plan;
SELECT coalesce(max(c.id), 0) AS current
  FROM (SELECT t.id FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id
         WHERE t.doctor_id = :doctor AND t.status = 'IN_CONSULTATION' FOR NO KEY UPDATE OF t) c \gset
WITH updated AS (
UPDATE dqms.token
   SET status = 'COMPLETED', completed_at = now(), ended_at = now(), consultation_notes = NULL,
       version = version + 1
 WHERE id = :current RETURNING id
)
INSERT INTO dqms.token_history (token_id, from_status, to_status, actor, reason, at)
SELECT id, 'IN_CONSULTATION', 'COMPLETED', 'bench-doctor', '', now() FROM updated;
INSERT INTO dqms.audit_log (at, actor, action, target, client_ip, details)
SELECT now(), 'bench-doctor', 'TOKEN_COMPLETED', 'token:' || :current::bigint, '127.0.0.1',
       jsonb_build_object('departmentId', :dept::bigint, 'doctorId', :doctor::bigint)
 WHERE :current::bigint > 0;
WITH streaks AS MATERIALIZED (
    SELECT dep.id AS department_id,
           (SELECT coalesce(min(c.n) FILTER (WHERE c.priority = 'NORMAL') - 1, count(*))
              FROM (SELECT r.priority, row_number() OVER (ORDER BY r.called_at DESC, r.call_line DESC) AS n
                      FROM (SELECT t.priority, t.called_at,
                                   (SELECT max(h.id) FROM dqms.token_history h
                                     WHERE h.token_id = t.id AND h.to_status = 'CALLED') AS call_line
                              FROM dqms.token t
                             WHERE t.department_id = dep.id
                               AND t.call_reason IS NOT NULL AND t.priority <> 'EMERGENCY'
                               AND t.called_at >= coalesce(
                                       (SELECT b.called_at FROM dqms.token b
                                         WHERE b.department_id = dep.id
                                           AND b.call_reason IS NOT NULL AND b.priority <> 'EMERGENCY'
                                         ORDER BY b.called_at DESC
                                         OFFSET :streaklimit - 1 LIMIT 1),
                                       '-infinity')
                             ORDER BY t.called_at DESC, call_line DESC
                             LIMIT :streaklimit) r) c) AS streak
      FROM unnest(ARRAY[:dept]::bigint[]) AS dep (id)
), slots AS MATERIALIZED (
    SELECT s.department_id, s.streak,
           CASE WHEN s.streak >= :streaklimit THEN
               (SELECT n.id FROM dqms.token n
                 WHERE n.department_id = s.department_id AND n.status = 'WAITING'
                   AND n.priority_rank = 2
                   AND (n.preferred_doctor_id IS NULL OR n.preferred_doctor_id = :doctor)
                 ORDER BY n.joined_at, n.id
                 LIMIT 1)
           END AS normal_id
      FROM streaks s
), next AS (
    SELECT coalesce((SELECT t.id FROM dqms.token t
                     WHERE t.department_id = :dept AND t.status = 'WAITING' AND t.priority_rank = 0
                       AND (t.preferred_doctor_id IS NULL OR t.preferred_doctor_id = :doctor)
                     ORDER BY t.joined_at, t.id
                     LIMIT 1
                     FOR NO KEY UPDATE OF t SKIP LOCKED),
                    (SELECT t.id FROM dqms.token t
                     WHERE t.department_id = :dept AND t.status = 'WAITING' AND t.priority_rank = 2 AND t.joined_at <= now() - interval '60 minutes'
                       AND (t.preferred_doctor_id IS NULL OR t.preferred_doctor_id = :doctor)
                     ORDER BY t.joined_at, t.id
                     LIMIT 1
                     FOR NO KEY UPDATE OF t SKIP LOCKED),
                    (SELECT t.id FROM dqms.token t
                     WHERE t.department_id = :dept AND t.status = 'WAITING' AND t.id IN (SELECT s.normal_id FROM slots s)
                       AND (t.preferred_doctor_id IS NULL OR t.preferred_doctor_id = :doctor)
                     ORDER BY t.joined_at, t.id
                     LIMIT 1
                     FOR NO KEY UPDATE OF t SKIP LOCKED),
                    (SELECT t.id FROM dqms.token t
                     WHERE t.department_id = :dept AND t.status = 'WAITING' AND t.priority_rank = 1
                       AND (t.preferred_doctor_id IS NULL OR t.preferred_doctor_id = :doctor)
                     ORDER BY t.joined_at, t.id
                     LIMIT 1
                     FOR NO KEY UPDATE OF t SKIP LOCKED),
                    (SELECT t.id FROM dqms.token t
                     WHERE t.department_id = :dept AND t.status = 'WAITING' AND t.priority_rank = 2
                       AND (t.preferred_doctor_id IS NULL OR t.preferred_doctor_id = :doctor)
                     ORDER BY t.joined_at, t.id
                     LIMIT 1
                     FOR NO KEY UPDATE OF t SKIP LOCKED)) AS id
)
SELECT s.streak, t.id, t.public_id, t.department_id, t.service_date, t.number, d.prefix, t.patient_name, t.phone,
       t.email, t.preferred_doctor_id, t.channel, t.priority, t.status, t.doctor_id, t.recall_count,
       t.call_reason, t.previous_token_id, t.joined_at, t.called_at, t.started_at, t.completed_at,
       t.ended_at, t.consultation_notes, t.version
  FROM next n
  JOIN dqms.token t ON t.id = n.id
  JOIN dqms.department d ON d.id = t.department_id
  JOIN slots s ON s.department_id = t.department_id
   FOR NO KEY UPDATE OF t \gset
WITH updated AS (
UPDATE dqms.token
   SET status = 'CALLED', doctor_id = :doctor, recall_count = 0, call_reason = 'ARRIVAL_ORDER',
       called_at = now(), started_at = NULL, completed_at = NULL, ended_at = NULL,
       consultation_notes = NULL, version = version + 1
 WHERE id = :id AND version = :version RETURNING id
)
INSERT INTO dqms.token_history (token_id, from_status, to_status, actor, reason, at)
SELECT id, 'WAITING', 'CALLED', 'bench-doctor', 'ARRIVAL_ORDER', now() FROM updated;
INSERT INTO dqms.audit_log (at, actor, action, target, client_ip, details)
VALUES (now(), 'bench-doctor', 'TOKEN_CALLED', 'token:' || :id::bigint, '127.0.0.1',
        jsonb_build_object('departmentId', :dept::bigint, 'doctorId', :doctor::bigint, 'callReason', 'ARRIVAL_ORDER'));
COMMIT;
BEGIN;
SELECT t.id, t.public_id, t.department_id, t.service_date, t.number, d.prefix, t.patient_name, t.phone,
       t.email, t.preferred_doctor_id, t.channel, t.priority, t.status, t.doctor_id, t.recall_count,
       t.call_reason, t.previous_token_id, t.joined_at, t.called_at, t.started_at, t.completed_at,
       t.ended_at, t.consultation_notes, t.version
  FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id WHERE t.id = :id FOR NO KEY UPDATE OF t \gset
WITH updated AS (
UPDATE dqms.token
   SET status = 'IN_CONSULTATION', doctor_id = :doctor, recall_count = 0, call_reason = 'ARRIVAL_ORDER',
       called_at = :called_at, started_at = now(), completed_at = NULL, ended_at = NULL,
       consultation_notes = NULL, version = version + 1
 WHERE id = :id AND version = :version RETURNING id
)
INSERT INTO dqms.token_history (token_id, from_status, to_status, actor, reason, at)
SELECT id, 'CALLED', 'IN_CONSULTATION', 'bench-doctor', '', now() FROM updated;
INSERT INTO dqms.audit_log (at, actor, action, target, client_ip, details)
VALUES (now(), 'bench-doctor', 'TOKEN_STARTED', 'token:' || :id::bigint, '127.0.0.1',
        jsonb_build_object('departmentId', :dept::bigint, 'doctorId', :doctor::bigint));
COMMIT;
