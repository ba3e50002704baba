// status and verify beside a live apply (issue 9: 6): a transaction: false migration that a
// run holding the migration lock is applying now is "in progress", not an interrupted run.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"

namespace {

using migrator::test::migrator_cli;

// Its second step keeps SQLite busy for seconds (a recursive count), after the first step's
// progress is in the history.
const std::string k_slow =
    "transaction: false\n"
    "steps:\n"
    "  - name: make t\n    sql: CREATE TABLE t (id INTEGER)\n    rollback: DROP TABLE t\n"
    "  - name: a long step\n"
    "    sql: WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 25000000) SELECT count(*) FROM c\n"
    "    rollback: SELECT 1\n";

}  // namespace

TEST_CASE("in flight: status and verify tell a live run from a dead one", "[cli]") {
  migrator::test::TempDir dir;
  dir.write("plan/001_slow.yaml", k_slow);
  const auto apply_command = "cd " + migrator::test::shell_quote(dir.path().string()) + " && " +
                             migrator::test::migrator_command("apply plan --db sqlite:app.db -q") +
                             " >/dev/null 2>&1 & echo $!";
  const auto started = migrator::test::run_command(apply_command);
  REQUIRE(started.exit_code == 0);
  // Wait until the run has written its history row and holds the lock.
  migrator::test::CliResult status;
  for (int i = 0; i < 100; ++i) {
    status = migrator_cli("status plan --db sqlite:app.db", dir.path());
    if (status.out.find("in progress") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.out, Catch::Contains("in progress") && Catch::Contains("1 being applied now by a live run") &&
                             !Catch::Contains("need attention"));
  const auto verify = migrator_cli("verify plan --db sqlite:app.db", dir.path());
  CHECK(verify.exit_code == 0);
  CHECK_THAT(verify.out, Catch::Contains("being applied now by pid ") && Catch::Contains("not verified"));
  // Let the run finish; then the migration is simply applied.
  migrator::test::run_command("while kill -0 " + started.output.substr(0, started.output.find('\n')) +
                              " 2>/dev/null; do sleep 0.1; done");
  CHECK_THAT(migrator_cli("status plan --db sqlite:app.db", dir.path()).out, Catch::Contains("1 applied, 0 pending"));
}
