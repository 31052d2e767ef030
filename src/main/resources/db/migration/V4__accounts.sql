-- Accounts: patients who signed up, and staff (reception, doctors, administrators).

CREATE TABLE app_user (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email          text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    phone          text        CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    role           text        NOT NULL CHECK (role IN ('PATIENT', 'RECEPTION', 'DOCTOR', 'ADMIN')),
    password_hash  text        NOT NULL,
    doctor_id      bigint      REFERENCES doctor (id),
    enabled        boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    -- A doctor's account is that doctor; no other account is one.
    CONSTRAINT app_user_doctor CHECK ((role = 'DOCTOR') = (doctor_id IS NOT NULL))
);

-- Emails are compared without regard to case: Asha@x.org and asha@x.org are one account.
CREATE UNIQUE INDEX app_user_email_unique ON app_user (lower(email));
-- One account per doctor record.
CREATE UNIQUE INDEX app_user_doctor_unique ON app_user (doctor_id) WHERE doctor_id IS NOT NULL;

-- The departments a reception account works for.
CREATE TABLE app_user_department (
    user_id        bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    department_id  bigint NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, department_id)
);
CREATE INDEX app_user_department_by_department ON app_user_department (department_id);

-- Failed sign-ins per email, for every email tried, with or without an account, so that a lockout
-- never tells whether an account exists. The key is the SHA-256 of the lower-cased email: the
-- table does not keep what people typed (sometimes a password in the email field).
CREATE TABLE sign_in_failure (
    email_hash       bytea       PRIMARY KEY CHECK (length(email_hash) = 32),
    failures         integer     NOT NULL CHECK (failures >= 0),
    last_failure_at  timestamptz NOT NULL,
    locked_until     timestamptz
);
CREATE INDEX sign_in_failure_by_age ON sign_in_failure (last_failure_at);

-- The tokens a signed-up patient took.
ALTER TABLE token ADD COLUMN patient_user_id bigint REFERENCES app_user (id);
CREATE INDEX token_by_patient_user ON token (patient_user_id, joined_at DESC) WHERE patient_user_id IS NOT NULL;
