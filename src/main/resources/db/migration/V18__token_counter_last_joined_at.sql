-- A department's day orders its walk-ins by joined_at, and its numbers by the counter row. Each
-- join reads the clock before it waits for that row, so a join that read it later, or on an
-- instance whose clock runs behind, could take the lower number with the later time, and be
-- called after a patient holding a higher number. The counter row now also keeps the latest
-- arrival it numbered: a join's joined_at is never earlier than the one numbered before it. Rows of
-- earlier days keep NULL, which the next number of their day replaces.
ALTER TABLE token_counter ADD COLUMN last_joined_at timestamptz;
