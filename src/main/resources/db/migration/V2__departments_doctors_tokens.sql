-- The queue core: departments with their hours, doctors, and the tokens patients hold.

CREATE TABLE department (
    id                    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                  text        NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    prefix                text        NOT NULL CHECK (prefix ~ '^[A-Z]{2,6}$'),
    time_zone             text        NOT NULL,
    daily_capacity        integer     NOT NULL CHECK (daily_capacity > 0),
    target_wait_minutes   integer     NOT NULL CHECK (target_wait_minutes > 0),
    created_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT department_name_unique UNIQUE (name),
    CONSTRAINT department_prefix_unique UNIQUE (prefix)
);

-- Several rows for one weekday make a day with breaks (08:00-12:00 and 13:00-17:00).
CREATE TABLE opening_hours (
    department_id  bigint   NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    weekday        smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: 1 = Monday
    opens_at       time     NOT NULL,
    closes_at      time     NOT NULL CHECK (closes_at > opens_at),
    PRIMARY KEY (department_id, weekday, opens_at)
);

CREATE TABLE closed_date (
    department_id  bigint NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    closed_on      date   NOT NULL,
    reason         text   NOT NULL DEFAULT '',
    PRIMARY KEY (department_id, closed_on)
);

CREATE TABLE doctor (
    id                    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                  text        NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    room                  text        NOT NULL CHECK (length(room) BETWEEN 1 AND 40),
    specialization        text        NOT NULL DEFAULT '',
    consultation_minutes  integer     NOT NULL CHECK (consultation_minutes BETWEEN 1 AND 240),
    duty_status           text        NOT NULL DEFAULT 'OFF_DUTY'
                                      CHECK (duty_status IN ('ON_DUTY', 'ON_BREAK', 'OFF_DUTY')),
    created_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE doctor_department (
    doctor_id      bigint NOT NULL REFERENCES doctor (id) ON DELETE CASCADE,
    department_id  bigint NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    PRIMARY KEY (doctor_id, department_id)
);
CREATE INDEX doctor_department_by_department ON doctor_department (department_id);

-- Token numbers are gapless per department and day: each join takes the next number from this row
-- with UPDATE ... RETURNING, inside the transaction that inserts the token.
CREATE TABLE token_counter (
    department_id  bigint  NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    service_date   date    NOT NULL,
    last_number    integer NOT NULL CHECK (last_number >= 0),
    PRIMARY KEY (department_id, service_date)
);

CREATE TABLE token (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id            uuid        NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    department_id        bigint      NOT NULL REFERENCES department (id),
    service_date         date        NOT NULL,
    number               integer     NOT NULL CHECK (number > 0),
    patient_name         text        NOT NULL CHECK (length(patient_name) BETWEEN 1 AND 120),
    phone                text        NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    email                text,
    preferred_doctor_id  bigint      REFERENCES doctor (id),
    channel              text        NOT NULL CHECK (channel IN ('WEB', 'RECEPTION', 'KIOSK')),
    priority             text        NOT NULL CHECK (priority IN ('EMERGENCY', 'PRIORITY', 'NORMAL')),
    priority_rank        smallint    NOT NULL GENERATED ALWAYS AS (
                                     CASE priority WHEN 'EMERGENCY' THEN 0 WHEN 'PRIORITY' THEN 1 ELSE 2 END) STORED,
    status               text        NOT NULL CHECK (status IN ('WAITING', 'CALLED', 'IN_CONSULTATION',
                                     'COMPLETED', 'NO_SHOW', 'CANCELLED', 'TRANSFERRED', 'EXPIRED')),
    doctor_id            bigint      REFERENCES doctor (id),
    recall_count         integer     NOT NULL DEFAULT 0,
    call_reason          text,
    previous_token_id    bigint      REFERENCES token (id),
    idempotency_key      text,
    joined_at            timestamptz NOT NULL,
    called_at            timestamptz,
    started_at           timestamptz,
    completed_at         timestamptz,
    ended_at             timestamptz,
    consultation_notes   text,
    version              integer     NOT NULL DEFAULT 0,
    CONSTRAINT token_number_unique UNIQUE (department_id, service_date, number),
    CONSTRAINT token_idempotency_key_unique UNIQUE (department_id, idempotency_key)
);

-- One phone holds at most one active token per department.
CREATE UNIQUE INDEX token_one_active_per_phone ON token (department_id, phone)
    WHERE status IN ('WAITING', 'CALLED', 'IN_CONSULTATION');
-- A doctor has at most one patient called or in consultation.
CREATE UNIQUE INDEX token_one_active_per_doctor ON token (doctor_id)
    WHERE status IN ('CALLED', 'IN_CONSULTATION');
-- The waiting queue, in the order call-next and position read it.
CREATE INDEX token_waiting ON token (department_id, priority_rank, joined_at, id) WHERE status = 'WAITING';
CREATE INDEX token_by_day ON token (department_id, service_date, status);

-- Every transition: who, when, from, to and why.
CREATE TABLE token_history (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_id     bigint      NOT NULL REFERENCES token (id),
    from_status  text,
    to_status    text        NOT NULL,
    actor        text        NOT NULL,
    reason       text        NOT NULL DEFAULT '',
    at           timestamptz NOT NULL
);
CREATE INDEX token_history_by_token ON token_history (token_id, id);

-- Each wait estimate quoted to a patient, kept to measure quoted against actual waits.
CREATE TABLE wait_quote (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_id          bigint      NOT NULL REFERENCES token (id),
    quoted_at         timestamptz NOT NULL,
    ahead             integer     NOT NULL,
    doctors_on_duty   numeric     NOT NULL,
    service_minutes   numeric     NOT NULL,
    likely_minutes    integer     NOT NULL,
    upper_minutes     integer     NOT NULL
);
CREATE INDEX wait_quote_by_token ON wait_quote (token_id, id);
