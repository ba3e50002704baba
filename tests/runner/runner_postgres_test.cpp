#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "db/connection.hpp"
#include "plan/loader.hpp"
#include "runner/runner.hpp"
#include "runner/runner_conformance.hpp"
#include "support/plan_files.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

TEST_CASE("runner: conformance on PostgreSQL", "[runner][postgres]") {
  migrator::test::PostgresDatabase database;
  migrator::test::runner_conformance(database.url());
}

// The history's rows are written by statements prepared once per session: a migration that
// deallocates every prepared statement of the session must not break the ones after it.
TEST_CASE("runner: a migration that runs DEALLOCATE ALL on PostgreSQL", "[runner][postgres]") {
  namespace mt = migrator::test;
  mt::PostgresDatabase database;
  const mt::TempDir dir;
  dir.write("p/001_a.yaml", mt::one_step_migration("CREATE TABLE a (id integer);", "DROP TABLE a;"));
  dir.write("p/002_reset.yaml", mt::one_step_migration("DEALLOCATE ALL;", "DEALLOCATE ALL;"));
  dir.write("p/003_b.yaml", mt::one_step_migration("CREATE TABLE b (id integer);", "DROP TABLE b;"));
  const auto plan = migrator::plan::load(dir / "p");
  auto db = migrator::db::open(migrator::db::parse_url(database.url()));
  migrator::runner::Observer silent;
  migrator::runner::Runner runner(*db, silent);
  const auto count = [&] { return db->query("SELECT count(*) FROM migrator_history").rows.at(0).at(0).value_or(""); };
  CHECK(runner.apply(plan, {}).migrations.size() == 3);
  CHECK(count() == "3");
  migrator::runner::RollbackOptions to_zero;
  to_zero.to = 0;
  CHECK(runner.rollback("p", to_zero).migrations.size() == 3);
  CHECK(count() == "0");
}

// A migration with nothing to check after its last step is one message: the step, its history
// row and COMMIT. The row's duration is then the server's to measure, and must still count the
// step; a step that leaves a string open goes alone and fails as it would alone.
TEST_CASE("runner: a migration sent with its history row records the step's time, and fails cleanly",
          "[runner][postgres]") {
  namespace mt = migrator::test;
  mt::PostgresDatabase database;
  const mt::TempDir dir;
  dir.write("p/001_slow.yaml", mt::one_step_migration("CREATE TABLE a (id integer); SELECT pg_sleep(0.25);",
                                                      "SELECT pg_sleep(0.25); DROP TABLE a;"));
  dir.write("p/002_open.yaml", mt::one_step_migration("CREATE TABLE b (id integer); SELECT 'open;", "DROP TABLE b;"));
  const auto plan = migrator::plan::load(dir / "p");
  auto db = migrator::db::open(migrator::db::parse_url(database.url()));
  migrator::runner::Observer silent;
  migrator::runner::Runner runner(*db, silent);
  try {
    runner.apply(plan, {});
    FAIL("the open string was not reported");
  } catch (const migrator::core::MigrationFailed& e) {
    CHECK_THAT(e.what(), Catch::Contains("002_open.yaml") && Catch::Contains("unterminated quoted string"));
  }
  const auto history = db->query("SELECT version, duration_ms FROM migrator_history ORDER BY version").rows;
  REQUIRE(history.size() == 1);  // 002 rolled back with its table
  CHECK(std::stoi(history[0][1].value_or("0")) >= 250);
  CHECK(db->query("SELECT to_regclass('b') IS NULL").rows.at(0).at(0) == "t");
  CHECK_FALSE(db->in_transaction());
  migrator::runner::RollbackOptions to_zero;
  to_zero.to = 0;
  CHECK(runner.rollback("p", to_zero).migrations.size() == 1);
  CHECK(db->query("SELECT count(*) FROM migrator_history").rows.at(0).at(0) == "0");
  CHECK(db->query("SELECT to_regclass('a') IS NULL").rows.at(0).at(0) == "t");
}

// A deferred constraint fails at COMMIT, which now travels in the step's message: the
// migration is still rolled back whole, nothing is recorded, and the error names the step.
TEST_CASE("runner: a deferred constraint that fails at COMMIT rolls the migration back", "[runner][postgres]") {
  namespace mt = migrator::test;
  mt::PostgresDatabase database;
  const mt::TempDir dir;
  dir.write("p/001_deferred.yaml",
            mt::one_step_migration("CREATE TABLE parent (id integer PRIMARY KEY);\n"
                                   "CREATE TABLE child (parent_id integer REFERENCES parent DEFERRABLE INITIALLY DEFERRED);\n"
                                   "INSERT INTO child VALUES (42);",
                                   "DROP TABLE child; DROP TABLE parent;"));
  const auto plan = migrator::plan::load(dir / "p");
  auto db = migrator::db::open(migrator::db::parse_url(database.url()));
  migrator::runner::Observer silent;
  migrator::runner::Runner runner(*db, silent);
  try {
    runner.apply(plan, {});
    FAIL("the deferred foreign key was not reported");
  } catch (const migrator::core::MigrationFailed& e) {
    CHECK_THAT(e.what(), Catch::Contains("001_deferred.yaml") && Catch::Contains("violates foreign key"));
  }
  CHECK(db->query("SELECT count(*) FROM migrator_history").rows.at(0).at(0) == "0");
  CHECK(db->query("SELECT to_regclass('child') IS NULL").rows.at(0).at(0) == "t");
  CHECK_FALSE(db->in_transaction());
}
