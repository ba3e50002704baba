// set_not_null / drop_not_null applied to a real SQLite file whose CREATE TABLE carries the
// comments that once fooled the edit: SQLite's own pragma_table_info must agree afterwards.
#include <catch2/catch.hpp>

#include <string>

#include "support/cli.hpp"
#include "support/db.hpp"
#include "support/temp_dir.hpp"

namespace {

// The "notnull" flag SQLite reads for t.c.
std::string not_null_flag(const std::filesystem::path& database) {
  auto db = migrator::test::connect("sqlite:" + database.string());
  return migrator::test::scalar(*db, "SELECT \"notnull\" FROM pragma_table_info('t') WHERE name = 'c'");
}

void write_plan(const migrator::test::TempDir& dir, const std::string& create) {
  dir.write("plan/001_create.yaml", "steps:\n  - name: make t\n    sql: |\n      " + create +
                                        "\n    rollback: DROP TABLE t\n");
  dir.write("plan/002_require_c.yaml",
            "steps:\n  - name: require c\n    set_not_null: {table: t, column: c}\n"
            "    rollback:\n      drop_not_null: {table: t, column: c}\n");
}

}  // namespace

TEST_CASE("not_null on SQLite: each text that once fooled the edit ends as asked, and back", "[runner]") {
  for (const auto* create : {"CREATE TABLE t (id INTEGER PRIMARY KEY, c TEXT -- the vendor\n      )",
                             "CREATE TABLE t (id INTEGER PRIMARY KEY, e TEXT /* , c TEXT */, c TEXT)",
                             "CREATE TABLE t (id INTEGER PRIMARY KEY, c TEXT /* NOT NULL later */)"}) {
    INFO(create);
    migrator::test::TempDir dir;
    write_plan(dir, create);
    const auto apply = migrator::test::migrator_cli("apply plan --db sqlite:app.db", dir.path());
    INFO(apply.err);
    REQUIRE(apply.exit_code == 0);
    CHECK(not_null_flag(dir / "app.db") == "1");
    const auto rollback = migrator::test::migrator_cli("rollback plan --to 1 --db sqlite:app.db", dir.path());
    REQUIRE(rollback.exit_code == 0);
    CHECK(not_null_flag(dir / "app.db") == "0");
  }
}
