-- Runs after every migrate. Default privileges give the application role data access to every new
-- table, the schema history included; only the migrator may write the history.
DO $$
DECLARE
  reader text;
BEGIN
  FOREACH reader IN ARRAY ARRAY['dqms_app', 'dqms_readonly'] LOOP
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = reader)
       AND has_table_privilege(reader, '${flyway:defaultSchema}.${flyway:table}', 'INSERT, UPDATE, DELETE, TRUNCATE') THEN
      EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I.%I FROM %I',
                     '${flyway:defaultSchema}', '${flyway:table}', reader);
    END IF;
  END LOOP;
END
$$;
