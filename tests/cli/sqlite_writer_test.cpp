// A migration whose writes outgrow SQLite's page cache holds the EXCLUSIVE lock, which
// blocks even readers (issue 9: 15). A second apply must wait on the migration lock (saying
// who holds it, honouring --lock-timeout) before touching the database; status must wait
// as --lock-timeout says and name the writer, never "is the server running?".
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"

namespace {

using migrator::test::migrator_cli;

// Step 1 writes ~20 MB (past the 2 MB page cache: SQLite spills and takes EXCLUSIVE); step 2
// then computes for minutes inside the same transaction. The test kills the run.
const std::string k_writer =
    "steps:\n"
    "  - name: fill\n"
    "    sql: CREATE TABLE big AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000)"
    " SELECT x, randomblob(1000) AS b FROM c\n"
    "    rollback: DROP TABLE big\n"
    "  - name: a long step\n"
    "    sql: WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c\n"
    "    rollback: SELECT 1\n";

// Whether another connection holds a lock that keeps readers out (PENDING or EXCLUSIVE).
bool readers_blocked(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  const int rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc == SQLITE_BUSY;
}

}  // namespace

TEST_CASE("sqlite writer: a run holding EXCLUSIVE is waited for on the migration lock and named",
          "[cli][sqlite]") {
  migrator::test::TempDir dir;
  dir.write("writer/001_big.yaml", k_writer);
  dir.write("other/001_t.yaml", "steps:\n  - name: t\n    sql: CREATE TABLE t (id INTEGER)\n    rollback: DROP TABLE t\n");
  const auto started = migrator::test::run_command(
      "cd " + migrator::test::shell_quote(dir.path().string()) + " && " +
      migrator::test::migrator_command("apply writer --db sqlite:app.db -q") + " >/dev/null 2>&1 & echo $!");
  REQUIRE(started.exit_code == 0);
  const auto pid = started.output.substr(0, started.output.find('\n'));
  bool blocked = false;
  for (int i = 0; i < 400 && !blocked; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    blocked = readers_blocked((dir / "app.db").string());
  }
  REQUIRE(blocked);

  const auto apply = migrator_cli("apply other --db sqlite:app.db --lock-timeout 1s", dir.path());
  CHECK(apply.exit_code == 3);
  CHECK_THAT(apply.out, Catch::Contains("waiting for the migration lock, held by pid " + pid));
  CHECK_THAT(apply.err, Catch::Contains("the migration lock of \"sqlite:app.db\" is held by pid " + pid) &&
                            Catch::Contains("gave up after 1 s") && !Catch::Contains("server"));

  const auto status = migrator_cli("status writer --db sqlite:app.db --lock-timeout 2s", dir.path());
  CHECK(status.exit_code == 3);
  CHECK_THAT(status.err, Catch::Contains("waiting for the database, which pid " + pid + " on ") &&
                             Catch::Contains("is being written by a migration run, pid " + pid) &&
                             Catch::Contains("gave up waiting for it after 2 s") && !Catch::Contains("server"));

  // Killed mid-transaction: the next open rolls the hot journal back; nothing was applied.
  migrator::test::run_command("kill -9 " + pid + "; while kill -0 " + pid + " 2>/dev/null; do sleep 0.05; done");
  const auto after = migrator_cli("status writer --db sqlite:app.db", dir.path());
  CHECK(after.exit_code == 0);
  CHECK_THAT(after.out, Catch::Contains("0 applied, 1 pending"));
  CHECK(migrator_cli("apply other --db sqlite:app.db", dir.path()).exit_code == 0);
}
