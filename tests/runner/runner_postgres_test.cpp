#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "db/connection.hpp"
#include "plan/loader.hpp"
#include "runner/runner.hpp"
#include "runner/runner_conformance.hpp"
#include "support/db.hpp"
#include "support/plan_files.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

namespace mt = migrator::test;
using mt::scalar;

TEST_CASE("runner: conformance on PostgreSQL", "[runner][postgres]") {
  mt::PostgresDatabase database;
  mt::runner_conformance(database.url());
}

namespace {

// A throwaway database, a plan directory p/ to write migrations into, a runner on both.
struct PlanOnPostgres {
  mt::PostgresDatabase database;
  mt::TempDir dir;
  std::unique_ptr<migrator::db::Connection> db = migrator::db::open(migrator::db::parse_url(database.url()));
  migrator::runner::Observer silent;
  migrator::runner::Runner runner{*db, silent};

  migrator::plan::Plan plan() const { return migrator::plan::load(dir / "p"); }
  std::size_t rollback_all() {
    migrator::runner::RollbackOptions to_zero;
    to_zero.to = 0;
    return runner.rollback("p", to_zero).migrations.size();
  }
  // The message of the error apply fails with; fails the test when apply succeeds.
  std::string apply_error() {
    try {
      runner.apply(plan(), {});
    } catch (const migrator::core::MigrationFailed& e) {
      return e.what();
    }
    FAIL("apply succeeded");
    return "";
  }
};

}  // namespace

// The history's rows are written by statements prepared once per session: a migration that
// deallocates every prepared statement of the session must not break the ones after it.
TEST_CASE("runner: a migration that runs DEALLOCATE ALL on PostgreSQL", "[runner][postgres]") {
  PlanOnPostgres p;
  p.dir.write("p/001_a.yaml", mt::one_step_migration("CREATE TABLE a (id integer);", "DROP TABLE a;"));
  p.dir.write("p/002_reset.yaml", mt::one_step_migration("DEALLOCATE ALL;", "DEALLOCATE ALL;"));
  p.dir.write("p/003_b.yaml", mt::one_step_migration("CREATE TABLE b (id integer);", "DROP TABLE b;"));
  CHECK(p.runner.apply(p.plan(), {}).migrations.size() == 3);
  CHECK(scalar(*p.db, "SELECT count(*) FROM migrator_history") == "3");
  CHECK(p.rollback_all() == 3);
  CHECK(scalar(*p.db, "SELECT count(*) FROM migrator_history") == "0");
}

// A migration with nothing to check after its last step is one message: the step, its history
// row and COMMIT. The row's duration is then the server's to measure, and must still count the
// step; a step that leaves a string open goes alone and fails as it would alone.
TEST_CASE("runner: a migration sent with its history row records the step's time, and fails cleanly",
          "[runner][postgres]") {
  PlanOnPostgres p;
  p.dir.write("p/001_slow.yaml", mt::one_step_migration("CREATE TABLE a (id integer); SELECT pg_sleep(0.25);",
                                                        "SELECT pg_sleep(0.25); DROP TABLE a;"));
  p.dir.write("p/002_open.yaml", mt::one_step_migration("CREATE TABLE b (id integer); SELECT 'open;", "DROP TABLE b;"));
  CHECK_THAT(p.apply_error(), Catch::Contains("002_open.yaml") && Catch::Contains("unterminated quoted string"));
  const auto history = p.db->query("SELECT version, duration_ms FROM migrator_history ORDER BY version").rows;
  REQUIRE(history.size() == 1);  // 002 rolled back with its table
  CHECK(std::stoi(history[0][1].value_or("0")) >= 250);
  CHECK(scalar(*p.db, "SELECT to_regclass('b') IS NULL") == "t");
  CHECK_FALSE(p.db->in_transaction());
  CHECK(p.rollback_all() == 1);
  CHECK(scalar(*p.db, "SELECT count(*) FROM migrator_history") == "0");
  CHECK(scalar(*p.db, "SELECT to_regclass('a') IS NULL") == "t");
}

// A deferred constraint fails at COMMIT, which now travels in the step's message: the
// migration is still rolled back whole, nothing is recorded, and the error names the step.
TEST_CASE("runner: a deferred constraint that fails at COMMIT rolls the migration back", "[runner][postgres]") {
  PlanOnPostgres p;
  p.dir.write("p/001_deferred.yaml",
              mt::one_step_migration("CREATE TABLE parent (id integer PRIMARY KEY);\n"
                                     "CREATE TABLE child (parent_id integer REFERENCES parent DEFERRABLE INITIALLY "
                                     "DEFERRED);\n"
                                     "INSERT INTO child VALUES (42);",
                                     "DROP TABLE child; DROP TABLE parent;"));
  CHECK_THAT(p.apply_error(), Catch::Contains("001_deferred.yaml") && Catch::Contains("violates foreign key"));
  CHECK(scalar(*p.db, "SELECT count(*) FROM migrator_history") == "0");
  CHECK(scalar(*p.db, "SELECT to_regclass('child') IS NULL") == "t");
  CHECK_FALSE(p.db->in_transaction());
}
