-- When each doctor was on duty: one row per stretch, open (ended_at null) while it lasts. Written
-- with every duty change, in its transaction; read by analytics for the doctors' utilisation.
CREATE TABLE doctor_duty_period (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doctor_id   bigint      NOT NULL REFERENCES doctor (id) ON DELETE CASCADE,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);

-- At most one open stretch per doctor.
CREATE UNIQUE INDEX doctor_duty_period_open ON doctor_duty_period (doctor_id) WHERE ended_at IS NULL;
CREATE INDEX doctor_duty_period_doctor_time ON doctor_duty_period (doctor_id, started_at);

-- Doctors already on duty are on duty from now on; earlier stretches were not recorded.
INSERT INTO doctor_duty_period (doctor_id, started_at)
SELECT id, now() FROM doctor WHERE duty_status = 'ON_DUTY';

-- A doctor's consultations over a stretch of time, for the same figure. Built in a moment on a
-- hospital's token table (about a second per million rows), during which joins wait.
CREATE INDEX token_by_doctor_start ON token (doctor_id, started_at) WHERE started_at IS NOT NULL;
