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

TEST_CASE("sql file scan: a no-break space between statements is a blank, as Flyway reads it, offsets kept", "[plan]") {
  const std::string nbsp = "\xC2\xA0";
  // DHIS2's V2_36_20__: one after the `;` at the end of a line.
  std::string text = "DROP TABLE a CASCADE;" + nbsp + "\nDROP TABLE b;\n";
  const auto size = text.size();
  CHECK(plan::blank_no_break_spaces_between_statements(text) == 1);
  CHECK(text == "DROP TABLE a CASCADE;  \nDROP TABLE b;\n");
  CHECK(text.size() == size);
  // Several, at the start, in a run with blanks, after a comment; and PostgreSQL counts the
  // error's position in characters, so one after an é is found by its bytes.
  text = nbsp + "SELECT 'é';" + nbsp + nbsp + " " + nbsp + "\n-- next\n" + nbsp + "SELECT 2;";
  CHECK(plan::blank_no_break_spaces_between_statements(text) == 5);
  CHECK(text == "  SELECT 'é';" + std::string(7, ' ') + "\n-- next\n  SELECT 2;");
}

TEST_CASE("sql file scan: a no-break space in a statement or a string is left as it is", "[plan]") {
  const std::string nbsp = "\xC2\xA0";
  std::string in_statement = "SELECT" + nbsp + "1;";
  CHECK(plan::blank_no_break_spaces_between_statements(in_statement) == 0);
  CHECK(in_statement == "SELECT" + nbsp + "1;");  // PostgreSQL refuses it, and check says where
  std::string in_string = "SELECT 'a" + nbsp + "b';";
  CHECK(plan::blank_no_break_spaces_between_statements(in_string) == 0);
  CHECK(in_string == "SELECT 'a" + nbsp + "b';");
  std::string after_unfinished = "SELECT 1" + nbsp + ";";
  CHECK(plan::blank_no_break_spaces_between_statements(after_unfinished) == 0);
}
