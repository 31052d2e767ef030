-- The language a patient joined in, so that their messages are in it; null means the
-- deployment's default language. A language code as the pages name them (en, hi).
ALTER TABLE token ADD COLUMN language text CHECK (language ~ '^[a-z]{2,3}$');
