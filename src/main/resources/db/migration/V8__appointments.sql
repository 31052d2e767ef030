-- Appointments: bookable slots per department or doctor, a locked counter per slot so that no slot
-- is ever overbooked, and the appointments with every change in their history.

-- How a department (doctor_id NULL) or one of its doctors takes bookings. Slots follow the
-- department's opening hours; of each run of slots, walk_in_share_percent are never offered.
CREATE TABLE booking_plan (
    id                     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    department_id          bigint      NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    doctor_id              bigint      REFERENCES doctor (id) ON DELETE CASCADE,
    slot_minutes           integer     NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
    capacity_per_slot      integer     NOT NULL CHECK (capacity_per_slot BETWEEN 1 AND 100),
    walk_in_share_percent  integer     NOT NULL CHECK (walk_in_share_percent BETWEEN 0 AND 100),
    horizon_days           integer     NOT NULL CHECK (horizon_days BETWEEN 1 AND 365),
    created_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT booking_plan_one_per_target UNIQUE NULLS NOT DISTINCT (department_id, doctor_id)
);

-- The locked counter: a row per slot that has bookings. Booking raises `booked` with one
-- INSERT ... ON CONFLICT DO UPDATE ... WHERE booked < capacity; the CHECK is the last guard.
CREATE TABLE appointment_slot (
    plan_id    bigint      NOT NULL REFERENCES booking_plan (id) ON DELETE CASCADE,
    starts_at  timestamptz NOT NULL,
    capacity   integer     NOT NULL CHECK (capacity > 0),
    booked     integer     NOT NULL,
    PRIMARY KEY (plan_id, starts_at),
    CONSTRAINT appointment_slot_never_overbooked CHECK (booked BETWEEN 0 AND capacity)
);

CREATE TABLE appointment (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id      uuid        NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    plan_id        bigint      NOT NULL REFERENCES booking_plan (id),
    department_id  bigint      NOT NULL REFERENCES department (id),
    doctor_id      bigint      REFERENCES doctor (id),
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    patient_name   text        NOT NULL CHECK (length(patient_name) BETWEEN 1 AND 120),
    phone          text        NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    email          text,
    user_id        bigint      REFERENCES app_user (id),
    status         text        NOT NULL CHECK (status IN ('BOOKED', 'CHECKED_IN', 'CANCELLED', 'NO_SHOW')),
    -- How the check-in placed the token: at the booked time, or from arrival outside the window.
    placement      text        CHECK (placement IN ('BOOKED_TIME', 'ARRIVED_EARLY', 'ARRIVED_LATE')),
    token_id       bigint      REFERENCES token (id),
    created_at     timestamptz NOT NULL,
    version        integer     NOT NULL DEFAULT 0,
    CONSTRAINT appointment_ends_after_start CHECK (ends_at > starts_at),
    CONSTRAINT appointment_checked_in_has_token CHECK ((status = 'CHECKED_IN') = (token_id IS NOT NULL))
);

CREATE INDEX appointment_department_day ON appointment (department_id, starts_at);
CREATE INDEX appointment_doctor_day ON appointment (doctor_id, starts_at) WHERE doctor_id IS NOT NULL;
CREATE INDEX appointment_booked_due ON appointment (starts_at) WHERE status = 'BOOKED';
CREATE INDEX appointment_phone ON appointment (phone);

CREATE TABLE appointment_history (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    appointment_id  bigint      NOT NULL REFERENCES appointment (id),
    from_status     text,
    to_status       text        NOT NULL,
    from_starts_at  timestamptz,
    to_starts_at    timestamptz NOT NULL,
    actor           text        NOT NULL,
    reason          text        NOT NULL DEFAULT '',
    at              timestamptz NOT NULL
);

CREATE INDEX appointment_history_appointment ON appointment_history (appointment_id, id);

-- A checked-in appointment joins the queue as a token of its own channel.
ALTER TABLE token DROP CONSTRAINT token_channel_check;
ALTER TABLE token ADD CONSTRAINT token_channel_check
    CHECK (channel IN ('WEB', 'RECEPTION', 'KIOSK', 'APPOINTMENT'));
