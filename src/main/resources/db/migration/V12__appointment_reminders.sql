-- Appointment reminders: the channels a patient agreed to when booking, and reminders in the outbox.
ALTER TABLE appointment ADD COLUMN notify_channels text[] NOT NULL DEFAULT '{}'
    CONSTRAINT appointment_notify_channels_known CHECK (notify_channels <@ ARRAY['SMS', 'WHATSAPP', 'EMAIL']::text[]);

ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_kind_check
    CHECK (kind IN ('TURN_NEAR', 'CALLED', 'REMINDER', 'token.joined', 'token.called', 'token.completed',
                    'token.no_show', 'token.cancelled', 'token.transferred'));
