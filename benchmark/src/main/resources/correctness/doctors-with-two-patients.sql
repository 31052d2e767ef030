-- Doctors holding more than one patient, called or in consultation.
SELECT count(*)
  FROM (SELECT doctor_id
          FROM dqms.token
         WHERE status IN ('CALLED', 'IN_CONSULTATION')
         GROUP BY doctor_id
        HAVING count(*) > 1) busy
