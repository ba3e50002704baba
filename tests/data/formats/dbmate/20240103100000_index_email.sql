-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_idx ON accounts (email);

-- migrate:down
DROP INDEX CONCURRENTLY IF EXISTS accounts_email_idx;
