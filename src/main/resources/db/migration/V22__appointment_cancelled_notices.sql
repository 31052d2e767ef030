-- A patient whose appointment dqms cancelled, because the department was closed at the booked time,
-- is told so (ADR 29): one more kind of outbox row. Every row already satisfies the narrower check it
-- replaces, so the new one is added NOT VALID: no scan of the outbox while it is locked. New and
-- updated rows are checked all the same.
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_kind_check
    CHECK (kind IN ('TURN_NEAR', 'CALLED', 'REMINDER', 'APPOINTMENT_CANCELLED', 'token.joined', 'token.called',
                    'token.recalled', 'token.started', 'token.completed', 'token.no_show', 'token.cancelled',
                    'token.transferred', 'token.expired')) NOT VALID;
