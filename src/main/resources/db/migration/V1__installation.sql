-- One row that identifies this dqms database. Every instance and command reports its id, so an
-- operator can confirm that all instances behind a load balancer share one database.
CREATE TABLE installation (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    singleton     boolean     NOT NULL DEFAULT true UNIQUE CHECK (singleton),
    installed_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO installation DEFAULT VALUES;
