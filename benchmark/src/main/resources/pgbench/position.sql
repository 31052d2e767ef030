-- A patient's phone looking up its token by link (TokenLinkController.get) while its department's
-- view is current (QueueViews, ADR 0018): the one statement dqms runs, TokenQueryService.byLink,
-- outside a transaction; the place and estimate come from the view in memory. Reading the view
-- again (at most once a second per department, or after a change) is left out: it is shared by every
-- lookup of the department. The link is drawn from bench.position_link, the waiting tokens that the
-- benchmark's position lookups use too. Variables (pgbench -D): count.
\set n random(1, :count)
SELECT public_id AS link FROM bench.position_link WHERE n = :n \gset
SELECT t.id, t.public_id, t.department_id, t.service_date, t.number, d.prefix, t.patient_name, t.phone,
       t.email, t.preferred_doctor_id, t.channel, t.priority, t.status, t.doctor_id, t.recall_count,
       t.call_reason, t.previous_token_id, t.joined_at, t.called_at, t.started_at, t.completed_at,
       t.ended_at, t.consultation_notes, t.version
  FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id WHERE t.public_id = :link \gset
