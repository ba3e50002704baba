#include "db/sqlite/sqlite_sql_text.hpp"

#include <catch2/catch.hpp>

using migrator::db::sqlite::check_clauses;
using migrator::db::sqlite::normalized_sql;

TEST_CASE("sqlite normalized_sql: spacing, case, comments and quoting do not matter", "[db][sqlite]") {
  const std::string expected = "create index i on t ( a , b ) where a > 0";
  CHECK(normalized_sql("CREATE INDEX i ON t(a,b) WHERE a>0") == expected);
  CHECK(normalized_sql("create  index \"I\"\n  on [t] ( `a`, b ) -- why\n where a > 0") == expected);
  CHECK(normalized_sql("CREATE INDEX i /* c */ ON t (a, b) WHERE a > 0") == expected);
  CHECK(normalized_sql("SELECT a>=1, a <> b, a||b") == "select a >= 1 , a <> b , a || b");
}

TEST_CASE("sqlite normalized_sql: literals and unusual names stay as written", "[db][sqlite]") {
  CHECK(normalized_sql("SELECT 'It''s  A' AS \"Odd Name\"") == "select 'It''s  A' as \"Odd Name\"");
  CHECK(normalized_sql("SELECT 'x' FROM \"a\"\"b\"") == "select 'x' from \"a\"\"b\"");
}

TEST_CASE("sqlite check_clauses: every CHECK of a CREATE TABLE", "[db][sqlite]") {
  CHECK(check_clauses("CREATE TABLE t (a INTEGER CHECK (a > 0), b TEXT, "
                      "CONSTRAINT b_short CHECK (length(b) < 10), note TEXT DEFAULT 'check (x)')") ==
        std::vector<std::string>{"check ( a > 0 )", "constraint b_short check ( length ( b ) < 10 )"});
  CHECK(check_clauses("CREATE TABLE t (a INTEGER)").empty());
}
