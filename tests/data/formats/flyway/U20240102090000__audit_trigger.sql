DELETE FROM audit_log;
DELETE FROM accounts WHERE email = 'first@example.com';
DROP TRIGGER accounts_audit ON accounts;
DROP FUNCTION log_account();
