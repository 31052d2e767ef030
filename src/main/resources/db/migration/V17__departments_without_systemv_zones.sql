-- Departments saved before dqms refused them may have a SystemV/ time zone: Java knows these zones
-- (the JDK keeps them from tzdata's old 'systemv' file), PostgreSQL does not, and every
-- AT TIME ZONE of such a department fails. Each is given a zone both know:
--   * the seven without daylight saving time are fixed offsets from UTC, exactly Etc/GMT+N (the
--     sign is POSIX's: Etc/GMT+4 is UTC-4), whose rules Java holds equal to the SystemV/ zone's;
--   * the six with daylight saving time have no exact equal: the JDK keeps them on the US rules of
--     1976-2006 (last Sunday of April to last Sunday of October) for ever. They get the zone of
--     their region that ICU maps them to, with the same offsets and today's US and Canadian rules.
-- Only rows holding one of these thirteen names change, and only their time zone; each change is
-- written to the audit log with the zone it replaced. On a second run, or with no departments,
-- nothing matches and nothing is written.
WITH systemv (old_zone, new_zone) AS (
    VALUES ('SystemV/AST4',    'Etc/GMT+4'),
           ('SystemV/EST5',    'Etc/GMT+5'),
           ('SystemV/CST6',    'Etc/GMT+6'),
           ('SystemV/MST7',    'Etc/GMT+7'),
           ('SystemV/PST8',    'Etc/GMT+8'),
           ('SystemV/YST9',    'Etc/GMT+9'),
           ('SystemV/HST10',   'Etc/GMT+10'),
           ('SystemV/AST4ADT', 'America/Halifax'),
           ('SystemV/EST5EDT', 'America/New_York'),
           ('SystemV/CST6CDT', 'America/Chicago'),
           ('SystemV/MST7MDT', 'America/Denver'),
           ('SystemV/PST8PDT', 'America/Los_Angeles'),
           ('SystemV/YST9YDT', 'America/Anchorage')
), rewritten AS (
    UPDATE department d
       SET time_zone = s.new_zone
      FROM systemv s
     WHERE d.time_zone = s.old_zone
    RETURNING d.id, d.prefix, s.old_zone, s.new_zone
)
INSERT INTO audit_log (at, actor, action, target, details)
SELECT now(), 'system:dqms', 'DEPARTMENT_UPDATED', 'department:' || id,
       jsonb_build_object('prefix', prefix, 'timeZone', new_zone, 'previousTimeZone', old_zone)
  FROM rewritten;
