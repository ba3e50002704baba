// A plan directory without migrations, and files in one that are not read: named, never a
// silent no-op (issue 10, "No silent no-op").
#include "plan/dir_listing.hpp"

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "plan/loader.hpp"
#include "support/temp_dir.hpp"

namespace plan = migrator::plan;
using migrator::test::TempDir;

namespace {

const std::string k_migration = "steps:\n  - name: s\n    sql: SELECT 1\n    rollback: SELECT 1\n";

// The one diagnostic of loading `dir`, as the CLI prints it.
std::string load_error(const std::filesystem::path& dir) {
  try {
    plan::load(dir);
  } catch (const migrator::core::PlanError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics().front().str();
  }
  FAIL("the plan loaded");
  return "";
}

}  // namespace

TEST_CASE("dir listing: a directory of plans is no plan, and the error names them", "[plan]") {
  TempDir dir;
  dir.write("plans/billing/001_invoices.yaml", k_migration);
  dir.write("plans/users/plan.yaml", "name: users\n");
  dir.write("plans/users/001_users.yaml", k_migration);
  dir.write("plans/notes/todo.txt", "not a plan\n");
  dir.write("plans/README.md", "# our plans\n");
  const auto plans = dir / "plans";
  CHECK(load_error(plans) == plans.string() + ": no migrations here: it holds the plans billing and users\n"
                                              "  hint: name a plan (" + (plans / "billing").string() +
                                 "), or several: " + (plans / "*").string());
}

TEST_CASE("dir listing: .sql files of no known form are named, not run as nothing", "[plan]") {
  TempDir dir;
  for (const auto* name : {"schema.sql", "seed.sql", "001-users.sql", "002-orders.sql"}) {
    dir.write(std::string("db/sql/") + name, "CREATE TABLE t (id int);\n");
  }
  const auto error = load_error(dir / "db/sql");
  CHECK_THAT(error, Catch::Contains("no migrations here, only 4 .sql files (001-users.sql, "
                                    "002-orders.sql, schema.sql and 1 more)") &&
                        Catch::Contains("it also reads dbmate (NNN_name.sql), golang-migrate (NNN_name.up.sql), "
                                        "Flyway (V1__name.sql) and diesel (folders with up.sql) plans as they are"));
}

TEST_CASE("dir listing: folders of .sql files one level down are named", "[plan]") {
  TempDir dir;
  dir.write("db/init-scripts/00000000000000-initial-schema.sql", "CREATE SCHEMA app;\n");
  dir.write("db/migrations/20211115181400_update.sql", "-- migrate:up\n");
  dir.write("db/migrate.sh", "#!/bin/sh\n");
  const auto error = load_error(dir / "db");
  CHECK_THAT(error, Catch::Contains("no migrations here; .sql files are in init-scripts and migrations\n") &&
                        Catch::Contains("it also reads dbmate"));
}

TEST_CASE("dir listing: an empty directory says how to write the first migration", "[plan]") {
  TempDir dir;
  dir.write("empty/.gitkeep", "");
  const auto empty = dir / "empty";
  CHECK(load_error(empty) == empty.string() + ": no migrations here (no NNN_name.yaml files)\n"
                                              "  hint: write the first with `migrator new " + empty.string() +
                                 " NAME`");
}

TEST_CASE("dir listing: files beside the migrations that are not read are warned about", "[plan]") {
  TempDir dir;
  dir.write("p/001_first.yaml", k_migration);
  dir.write("p/plan.yaml", "name: p\n");
  dir.write("p/notes.sql", "SELECT 1;\n");
  dir.write("p/seed.json", "{}\n");
  dir.write("p/README.md", "# p\n");
  dir.write("p/.gitkeep", "");
  dir.write("p/fixtures/rows.csv", "1\n");  // a folder of the team's own is theirs
  const auto loaded = plan::load(dir / "p");
  REQUIRE(loaded.migrations.size() == 1);
  REQUIRE(loaded.warnings.size() == 2);
  CHECK(loaded.warnings[0].str() == (dir / "p/notes.sql").string() +
                                        ": a .sql file is not a migration here, and is not run\n"
                                        "  hint: put its SQL in a NNN_name.yaml migration (`migrator new`), or move "
                                        "it out of the plan");
  CHECK(loaded.warnings[1].str() == (dir / "p/seed.json").string() +
                                        ": not a migration file (NNN_name.yaml), and not read\n"
                                        "  hint: move it out of the plan directory, or rename it NNN_name.yaml if "
                                        "it is a migration");
  CHECK(plan::list_plan_dir(dir / "p").migration_files.size() == 1);
}

TEST_CASE("dir listing: a SQL-file plan names what is not its form in its own terms (stash's layout)", "[plan]") {
  migrator::test::TempDir dir;
  dir.write("m/1_initial.up.sql", "CREATE TABLE a (id int);\n");
  dir.write("m/30_ignore_autotag.up..sql", "ALTER TABLE a ADD COLUMN b int;\n");  // golang-migrate reads it
  dir.write("m/32_postmigrate.go", "package migrations\n");
  const auto loaded = plan::load(dir / "m");
  CHECK(loaded.format == plan::PlanFormat::golang_migrate);
  REQUIRE(loaded.migrations.size() == 2);
  CHECK(loaded.migrations[1].version == 30);
  CHECK(loaded.migrations[1].name == "ignore autotag");
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0].str() ==
        (dir / "m/32_postmigrate.go").string() +
            ": not a golang-migrate migration file, and not read\n"
            "  hint: migrator runs a golang-migrate plan's VERSION_name.up.sql and VERSION_name.down.sql files; "
            "anything else here is not run (move it out of the plan to quiet this)");
}
