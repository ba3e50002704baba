// A connection lost during a transaction: false migration (issue 9: 14): the run must say
// what is true (interrupted, recorded as incomplete, finished by the next apply), never
// "rolled back", and the next apply must finish it.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "support/background.hpp"
#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/db.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

namespace {

using migrator::test::migrator_cli;

// Step 2 sleeps while the table `slow` holds a row: the test's window to cut the connection.
const std::string k_plan =
    "transaction: false\n"
    "steps:\n"
    "  - name: add t\n    sql: CREATE TABLE t (id integer)\n    rollback: DROP TABLE t\n"
    "  - name: a long step\n"
    "    sql: SELECT pg_sleep(30 * (SELECT count(*) FROM slow))\n"
    "    rollback: SELECT 1\n";

}  // namespace

TEST_CASE("lost connection: a transaction: false migration is reported interrupted, and finished next time",
          "[cli][postgres]") {
  migrator::test::PostgresDatabase database;
  auto admin = migrator::test::connect(database.url());
  admin->exec("CREATE TABLE slow (x integer); INSERT INTO slow VALUES (1)");
  migrator::test::TempDir dir;
  dir.write("plan/001_slow.yaml", k_plan);
  const auto q = [](const std::string& s) { return migrator::test::shell_quote(s); };
  migrator::test::BackgroundRun run("apply plan --db " + q(database.url()), dir.path());

  // Cut the apply's connection while step 2 sleeps.
  std::string cut = "0";
  for (int i = 0; i < 200 && cut == "0"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cut = migrator::test::scalar(*admin,
                                 "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                 "WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%'");
  }
  REQUIRE(cut == "1");
  CHECK(run.wait(20) == 3);
  const auto err = run.result().err;
  CHECK_THAT(err, Catch::Contains("lost the connection") &&
                      Catch::Contains("migration 1 was interrupted with 1 of its 2 steps done") &&
                      Catch::Contains("the next `migrator apply` undoes those steps and runs it again") &&
                      !Catch::Contains("rolled back"));
  // What it said is what the database holds: the row is still "applying" after step 1.
  CHECK(migrator::test::scalar(*admin, "SELECT status || ' ' || steps_done FROM migrator_history") ==
        "applying 1");
  const auto status = migrator_cli("status plan --db " + q(database.url()), dir.path());
  CHECK_THAT(status.out, Catch::Contains("incomplete"));

  admin->exec("DELETE FROM slow");
  const auto again = migrator_cli("apply plan --db " + q(database.url()), dir.path());
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.err + again.out, Catch::Contains("was interrupted while applying at step 2 of 2"));
  CHECK(migrator::test::scalar(*admin, "SELECT status || ' ' || steps_done FROM migrator_history") ==
        "applied 2");
}
