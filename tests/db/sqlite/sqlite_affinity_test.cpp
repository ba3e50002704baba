#include "db/sqlite/sqlite_affinity.hpp"

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"

using migrator::db::sqlite::Affinity;
using migrator::db::sqlite::affinity_of;
using migrator::db::sqlite::numeric_affinity;
using migrator::db::sqlite::split_table_name;

TEST_CASE("affinity_of: SQLite's rules, in their order", "[db][sqlite]") {
  CHECK(affinity_of("INTEGER") == Affinity::integer);
  CHECK(affinity_of("bigint") == Affinity::integer);
  CHECK(affinity_of("CHARINT") == Affinity::integer);  // INT is looked for first
  CHECK(affinity_of("VARCHAR(20)") == Affinity::text);
  CHECK(affinity_of("text") == Affinity::text);
  CHECK(affinity_of("CLOB") == Affinity::text);
  CHECK(affinity_of("BLOB") == Affinity::blob);
  CHECK(affinity_of("") == Affinity::blob);
  CHECK(affinity_of("DOUBLE PRECISION") == Affinity::real);
  CHECK(affinity_of("FLOAT") == Affinity::real);
  CHECK(affinity_of("NUMERIC(12,2)") == Affinity::numeric);
  CHECK(affinity_of("DATE") == Affinity::numeric);
  CHECK(affinity_of("BOOLEAN") == Affinity::numeric);
}

TEST_CASE("split_table_name: schema and table, quotes removed", "[db][sqlite]") {
  CHECK(split_table_name("receipts").schema == "main");
  CHECK(split_table_name("receipts").table == "receipts");
  CHECK(split_table_name("temp.\"my table\"").schema == "temp");
  CHECK(split_table_name("temp.\"my table\"").table == "my table");
}

TEST_CASE("numeric_affinity: per column, by the declared types", "[db][sqlite]") {
  migrator::test::TempDir dir;
  auto c = migrator::db::open(migrator::db::parse_url("sqlite:" + (dir / "a.db").string()));
  c->exec("CREATE TABLE t (a NUMERIC(12,2), b TEXT, c INTEGER, d REAL, e BLOB, f)");
  CHECK(numeric_affinity(*c, "t", {"F", "e", "d", "c", "b", "a", "missing"}) ==
        std::vector<bool>{false, false, true, true, false, true, false});
  CHECK(numeric_affinity(*c, "no_such_table", {"a"}) == std::vector<bool>{false});
}
