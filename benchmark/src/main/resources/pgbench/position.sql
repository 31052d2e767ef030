-- A patient's phone looking up its token by link (TokenLinkController.get): the two read-only
-- transactions dqms runs, TokenQueryService.byLink, then PositionService.position with every
-- statement it reads (the token, the priority streak, the number ahead in the fair call order,
-- appointments due, doctors on duty, recent consultation times, the department's doctors, and
-- the patients being seen). The link is drawn from bench.position_link, the waiting tokens that
-- the benchmark's position lookups use too. Variables (pgbench -D): count.
\set n random(1, :count)
\set streaklimit 3
BEGIN READ ONLY;
SELECT public_id AS link FROM bench.position_link WHERE n = :n \gset
SELECT t.id, t.public_id, t.department_id, t.service_date, t.number, d.prefix, t.patient_name, t.phone,
       t.email, t.preferred_doctor_id, t.channel, t.priority, t.status, t.doctor_id, t.recall_count,
       t.call_reason, t.previous_token_id, t.joined_at, t.called_at, t.started_at, t.completed_at,
       t.ended_at, t.consultation_notes, t.version
  FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id WHERE t.public_id = :link \gset
COMMIT;
BEGIN READ ONLY;
SELECT t.id, t.public_id, t.department_id, t.service_date, t.number, d.prefix, t.patient_name, t.phone,
       t.email, t.preferred_doctor_id, t.channel, t.priority, t.status, t.doctor_id, t.recall_count,
       t.call_reason, t.previous_token_id, t.joined_at, t.called_at, t.started_at, t.completed_at,
       t.ended_at, t.consultation_notes, t.version
  FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id WHERE t.id = :id;
SELECT (SELECT coalesce(min(c.n) FILTER (WHERE c.priority = 'NORMAL') - 1, count(*))
          FROM (SELECT r.priority, row_number() OVER (ORDER BY r.called_at DESC, r.call_line DESC) AS n
                  FROM (SELECT t.priority, t.called_at,
                               (SELECT max(h.id) FROM dqms.token_history h
                                 WHERE h.token_id = t.id AND h.to_status = 'CALLED') AS call_line
                          FROM dqms.token t
                         WHERE t.department_id = :department_id
                           AND t.call_reason IS NOT NULL AND t.priority <> 'EMERGENCY'
                           AND t.called_at >= coalesce(
                                   (SELECT b.called_at FROM dqms.token b
                                     WHERE b.department_id = :department_id
                                       AND b.call_reason IS NOT NULL AND b.priority <> 'EMERGENCY'
                                     ORDER BY b.called_at DESC
                                     OFFSET :streaklimit - 1 LIMIT 1),
                                   '-infinity')
                         ORDER BY t.called_at DESC, call_line DESC
                         LIMIT :streaklimit) r) c) AS streak \gset
WITH waiting AS (
    SELECT t.id, t.number, t.priority, t.preferred_doctor_id, t.joined_at,
           CASE WHEN t.priority_rank = 0 THEN 0
                WHEN t.priority_rank = 1 THEN 2
                WHEN t.joined_at <= now() - interval '60 minutes' THEN 1
                ELSE 3 END AS class
      FROM dqms.token t
     WHERE t.department_id = :department_id AND t.status = 'WAITING'
), counted AS (
    SELECT w.*,
           row_number() OVER (PARTITION BY w.class ORDER BY w.joined_at, w.id) - 1 AS idx,
           count(*) FILTER (WHERE w.class = 0) OVER () AS emergencies,
           count(*) FILTER (WHERE w.class = 1) OVER () AS overdue,
           count(*) FILTER (WHERE w.class = 2) OVER () AS priorities,
           count(*) FILTER (WHERE w.class = 3) OVER () AS normals
      FROM waiting w
), placed AS (
    SELECT c.*,
           CASE c.class
             WHEN 0 THEN c.idx
             WHEN 1 THEN c.emergencies + c.idx
             WHEN 2 THEN c.emergencies + c.overdue + c.idx
                  + LEAST(c.normals,
                          CASE WHEN c.idx >= f.first THEN (c.idx - f.first) / :streaklimit + 1
                               ELSE 0 END)
             ELSE c.emergencies + c.overdue + c.idx + LEAST(c.priorities, f.first + c.idx * :streaklimit)
           END AS ahead
      FROM counted c
     CROSS JOIN LATERAL (
           SELECT CASE WHEN c.overdue > 0 THEN :streaklimit
                       ELSE GREATEST(:streaklimit::int - :streak::int, 0) END AS first) f
)
SELECT p.ahead FROM placed p WHERE p.id = :id;
SELECT a.starts_at FROM dqms.appointment a
 WHERE a.department_id = :department_id AND a.status = 'BOOKED'
   AND a.starts_at >= now() AND a.starts_at < now() + interval '12 hours'
 ORDER BY a.starts_at;
SELECT coalesce(sum(1.0 / (SELECT count(*) FROM dqms.doctor_department mine WHERE mine.doctor_id = d.id)), 0)
  FROM dqms.doctor d JOIN dqms.doctor_department dd ON dd.doctor_id = d.id
 WHERE dd.department_id = :department_id AND d.duty_status = 'ON_DUTY';
SELECT extract(epoch FROM (t.completed_at - t.started_at)) / 60.0 AS minutes
  FROM dqms.token t
 WHERE t.department_id = :department_id AND t.service_date >= current_date - 7
   AND t.completed_at IS NOT NULL AND t.started_at IS NOT NULL
 ORDER BY t.completed_at DESC, t.id DESC
 LIMIT 50;
SELECT d.id, d.name, d.room, d.specialization, d.consultation_minutes, d.duty_status,
       ARRAY(SELECT dd.department_id FROM dqms.doctor_department dd WHERE dd.doctor_id = d.id
              ORDER BY dd.department_id) AS department_ids
  FROM dqms.doctor d
 WHERE EXISTS (SELECT 1 FROM dqms.doctor_department dd WHERE dd.doctor_id = d.id AND dd.department_id = :department_id)
 ORDER BY d.name, d.id;
SELECT CASE WHEN t.started_at IS NULL THEN 0
            ELSE greatest(extract(epoch FROM (now() - t.started_at)) / 60.0, 0) END AS minutes
  FROM dqms.token t
 WHERE t.department_id = :department_id AND t.status IN ('CALLED', 'IN_CONSULTATION');
COMMIT;
