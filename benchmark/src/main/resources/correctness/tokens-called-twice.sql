-- Tokens with more than one CALLED line in their history. The benchmark never recalls a patient,
-- so a second CALLED line can only be a second call of the same token.
SELECT count(*)
  FROM (SELECT token_id
          FROM dqms.token_history
         WHERE to_status = 'CALLED'
         GROUP BY token_id
        HAVING count(*) > 1) called_twice
