// How a SQL migration file runs is read from its statements: the keyword filter that spares
// the parse must never miss a statement the parse would classify.
#include "plan/sql_file_scan.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace plan = migrator::plan;

namespace {

// True when the parse finds a statement that decides how the file runs.
bool classified(const std::string& text) {
  for (const auto& s : plan::scan_sql_file(text).statements) {
    if (s.begins_transaction || s.ends_transaction || s.outside_transaction) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("sql file scan: files without a transaction keyword need no parse", "[plan]") {
  for (const std::string text : {"CREATE TABLE t (id integer);", "INSERT INTO vendor_ends (pending) VALUES (1);",
                                 "ALTER TABLE t ADD COLUMN starts_at timestamptz, ADD COLUMN commits int;",
                                 "SELECT $1::text, x$y FROM \"Weekend\";", ""}) {
    CAPTURE(text);
    CHECK_FALSE(plan::may_affect_transactions(text));
    CHECK_FALSE(classified(text));
  }
}

TEST_CASE("sql file scan: a keyword anywhere, in any case, sends the file to the parse", "[plan]") {
  for (const std::string text : {"COMMIT;", "Begin;", "end;", "ROLLBACK;", "abort;", "START TRANSACTION;",
                                 "CREATE INDEX CONCURRENTLY i ON t (a);", "VACUUM t;", "CREATE DATABASE d;",
                                 "DROP TABLESPACE s;", "ALTER SYSTEM SET work_mem = '8MB';",
                                 "DO $$BEGIN NULL; END$$;", "SELECT 1;$$x$$;COMMIT;", "CREATE TABLE t();\n-- begin\n",
                                 "SELECT 1;/*x*/COMMIT;", "SELECT 1;\tEnD;"}) {
    CAPTURE(text);
    CHECK(plan::may_affect_transactions(text));
  }
}

TEST_CASE("sql file scan: every statement the parse classifies holds a keyword of the filter", "[plan]") {
  const std::vector<std::string> statements = {
      "BEGIN;", "START TRANSACTION;", "COMMIT;", "END;", "ROLLBACK;", "ABORT;",
      "CREATE INDEX CONCURRENTLY i ON t (a);", "DROP INDEX CONCURRENTLY i;", "REINDEX (CONCURRENTLY) TABLE t;",
      "REINDEX TABLE CONCURRENTLY t;", "ALTER TABLE p DETACH PARTITION c CONCURRENTLY;", "VACUUM;",
      "VACUUM (ANALYZE) t;", "CREATE DATABASE d;", "DROP DATABASE d;", "CREATE TABLESPACE s LOCATION '/x';",
      "DROP TABLESPACE s;", "ALTER SYSTEM RESET ALL;"};
  for (const auto& text : statements) {
    CAPTURE(text);
    CHECK(classified(text));
    CHECK(plan::may_affect_transactions(text));
  }
}

TEST_CASE("sql file scan: ANALYZE runs in a transaction, VACUUM does not", "[plan]") {
  CHECK_FALSE(classified("ANALYZE t;"));
  CHECK_FALSE(classified("ANALYZE;"));
  CHECK(plan::scan_sql_file("VACUUM ANALYZE t;").statements.at(0).outside_transaction);
  CHECK(plan::scan_sql_file("VACUUM t;").statements.at(0).outside_transaction);
}
