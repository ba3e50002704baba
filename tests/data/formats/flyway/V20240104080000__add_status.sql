-- The file brings its own transaction, as golang-migrate users write them.
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE accounts ADD COLUMN status text NOT NULL DEFAULT 'active';
COMMIT;
