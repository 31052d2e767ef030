-- Needs an ACCESS EXCLUSIVE lock on installation: the lock_timeout test holds a conflicting lock.
ALTER TABLE installation ADD COLUMN note text;
