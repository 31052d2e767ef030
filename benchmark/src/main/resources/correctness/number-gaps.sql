-- Department-days whose tokens are not numbered exactly 1, 2, ..., n, where n is the day's counter:
-- a number missing or taken twice, numbers that do not start at 1, a counter ahead of or behind the
-- tokens, a counter that issued numbers no token holds, or tokens without a counter.
SELECT coalesce(t.department_id, c.department_id) AS department_id,
       coalesce(t.service_date, c.service_date) AS service_date,
       coalesce(t.tokens, 0) AS tokens,
       coalesce(t.numbers, 0) AS numbers,
       t.lowest,
       t.highest,
       c.last_number
  FROM (SELECT department_id, service_date, count(*) AS tokens, count(DISTINCT number) AS numbers,
               min(number) AS lowest, max(number) AS highest
          FROM dqms.token
         GROUP BY department_id, service_date) t
  FULL JOIN dqms.token_counter c
    ON c.department_id = t.department_id AND c.service_date = t.service_date
 WHERE coalesce(t.tokens, 0) <> coalesce(c.last_number, 0)
    OR t.numbers <> t.tokens
    OR t.lowest <> 1
    OR t.highest <> t.tokens
 ORDER BY 1, 2
