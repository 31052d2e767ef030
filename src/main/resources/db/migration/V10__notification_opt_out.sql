-- Phones that answered STOP: no SMS or WhatsApp goes to them until they answer START. Only the
-- SHA-256 of the number is kept.
CREATE TABLE notification_opt_out (
    phone_hash    bytea       PRIMARY KEY CHECK (octet_length(phone_hash) = 32),
    opted_out_at  timestamptz NOT NULL
);
