-- A PL/pgSQL body (its END; is no transaction control) and a DO block.
CREATE FUNCTION log_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (account_id, action) VALUES (NEW.id, TG_OP);
  RETURN NEW;
END;
$$;

CREATE TRIGGER accounts_audit AFTER INSERT ON accounts
  FOR EACH ROW EXECUTE FUNCTION log_account();

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM accounts) THEN
    INSERT INTO accounts (email) VALUES ('first@example.com');
  END IF;
END
$$;
