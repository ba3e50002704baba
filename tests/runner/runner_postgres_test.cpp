#include <catch2/catch.hpp>

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
