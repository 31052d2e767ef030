-- "Your turn is near" per department: how few must be ahead. Without a row, DQMS_NOTIFY_NEAR_TURN_AHEAD.
CREATE TABLE notification_department_setting (
    department_id    bigint  PRIMARY KEY REFERENCES department (id) ON DELETE CASCADE,
    near_turn_ahead  integer NOT NULL CHECK (near_turn_ahead BETWEEN 0 AND 50)
);
