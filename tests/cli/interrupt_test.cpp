// Ctrl-C and SIGTERM (issue 9, signals): the running statement is cancelled, the migration
// undone, the lock released, scratch databases removed, the exit code 130 / 143; a second
// Ctrl-C exits at once and leaves what the next run repairs.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "support/background.hpp"
#include "support/command.hpp"
#include "support/cli.hpp"
#include "support/db.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

namespace {

using migrator::test::BackgroundRun;
using migrator::test::migrator_cli;

// Counts to the number in the table `slow`: as long as the test wants, then instant.
const std::string k_count_slowly =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < (SELECT n FROM slow)) SELECT count(*) FROM c";

std::string slow_plan(bool transaction, const std::string& first_rollback) {
  return std::string(transaction ? "" : "transaction: false\n") +
         "steps:\n"
         "  - name: make t\n"
         "    sql: CREATE TABLE t (id INTEGER)\n"
         "    rollback: " + first_rollback + "\n"
         "  - name: a long step\n"
         "    sql: " + k_count_slowly + "\n"
         "    rollback: SELECT 1\n";
}

void make_slow(const migrator::test::TempDir& dir, long n) {
  auto db = migrator::test::connect("sqlite:" + (dir / "app.db").string());
  db->exec("CREATE TABLE IF NOT EXISTS slow (n INTEGER); DELETE FROM slow; INSERT INTO slow VALUES (" +
           std::to_string(n) + ")");
}

// Applies slow_plan in `dir`, sends `signal` once step 1 is done, and returns the run's
// result after the exit code it must end with.
migrator::test::CliResult signalled_apply(const migrator::test::TempDir& dir, bool transaction,
                                          const std::string& signal, int exit_code) {
  dir.write("plan/001_slow.yaml", slow_plan(transaction, "DROP TABLE t"));
  make_slow(dir, 2000000000);
  BackgroundRun run("apply plan --db sqlite:app.db", dir.path());
  REQUIRE(run.wait_for_output("make t", 20));
  run.signal(signal);
  REQUIRE(run.wait(20) == exit_code);
  return run.result();
}

}  // namespace

TEST_CASE("interrupt: Ctrl-C rolls the migration back and exits 130", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  const auto result = signalled_apply(dir, true, "INT", 130);
  CHECK_THAT(result.err, Catch::Contains("interrupted (SIGINT): stopping") &&
                             Catch::Contains("canceling statement: interrupted (SIGINT)") &&
                             Catch::Contains("migration 1 was rolled back; the database has no version"));
  // Nothing applied, nothing left locked: the next run goes straight on.
  CHECK_THAT(migrator_cli("status plan --db sqlite:app.db", dir.path()).out, Catch::Contains("0 applied, 1 pending"));
  make_slow(dir, 1);
  CHECK(migrator_cli("apply plan --db sqlite:app.db --lock-timeout 1s", dir.path()).exit_code == 0);
}

TEST_CASE("interrupt: SIGTERM undoes a transaction: false migration's steps and exits 143", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  const auto result = signalled_apply(dir, false, "TERM", 143);
  CHECK_THAT(result.err, Catch::Contains("terminated (SIGTERM)") && Catch::Contains("was rolled back"));
  auto db = migrator::test::connect("sqlite:" + (dir / "app.db").string());
  CHECK(migrator::test::scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 't'") == "0");
  CHECK(migrator::test::scalar(*db, "SELECT count(*) FROM migrator_history") == "0");
}

TEST_CASE("interrupt: a second Ctrl-C exits at once, and the next run finishes the undo", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  // Undoing step 1 is slow too, so the second Ctrl-C lands while the first one's undo runs.
  dir.write("plan/001_slow.yaml", slow_plan(false, "\"" + k_count_slowly + "; DROP TABLE t\""));
  make_slow(dir, 2000000000);
  BackgroundRun run("apply plan --db sqlite:app.db", dir.path());
  REQUIRE(run.wait_for_output("make t", 20));
  run.signal("INT");
  INFO(run.result().out << run.result().err);
  REQUIRE(run.wait_for_output("press Ctrl-C again to exit at once", 20));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(run.wait(0) == -1);  // still undoing
  run.signal("INT");
  REQUIRE(run.wait(5) == 130);
  auto db = migrator::test::connect("sqlite:" + (dir / "app.db").string());
  CHECK(migrator::test::scalar(*db, "SELECT status || ' ' || steps_done FROM migrator_history") == "applying 1");
  make_slow(dir, 1);
  const auto next = migrator_cli("rollback plan --to 0 --db sqlite:app.db", dir.path());
  CHECK(next.exit_code == 0);
  CHECK_THAT(next.out, Catch::Contains("was interrupted while applying at step 2 of 2"));
  CHECK(migrator::test::scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 't'") == "0");
  CHECK(migrator::test::scalar(*db, "SELECT count(*) FROM migrator_history") == "0");
}

namespace {

// Runs `migrator <args>` in `dir` with TMPDIR=dir/tmp, interrupts it `delay_ms` after its
// first scratch file appears, and requires exit 130 with nothing left in TMPDIR.
void interrupt_leaves_no_scratch(const migrator::test::TempDir& dir, const std::string& args, int delay_ms) {
  std::filesystem::create_directory(dir / "tmp");
  BackgroundRun run(args, dir.path(), "TMPDIR=" + migrator::test::shell_quote((dir / "tmp").string()));
  const auto scratch_count = [&] {
    return std::distance(std::filesystem::directory_iterator(dir / "tmp"), std::filesystem::directory_iterator());
  };
  for (int i = 0; i < 500 && scratch_count() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  REQUIRE(scratch_count() > 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));  // into the work
  run.signal("INT");
  const int code = run.wait(20);
  INFO(run.result().err);
  CHECK(code == 130);
  CHECK(scratch_count() == 0);
}

}  // namespace

TEST_CASE("interrupt: check --rehearse removes its scratch database", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  dir.write("plan/001_slow.yaml",
            "steps:\n  - name: slow\n    sql: WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
            "2000000000) SELECT count(*) FROM c\n    rollback: SELECT 1\n");
  interrupt_leaves_no_scratch(dir, "check plan --rehearse --db sqlite:app.db", 300);  // into the slow statement
  CHECK_FALSE(std::filesystem::exists(dir / "app.db"));  // the user's database never touched
}

TEST_CASE("interrupt: bench and demo remove their scratch databases", "[cli][sqlite]") {
  for (const auto* args : {"bench construction_receipts --scale 0.5", "bench benchmarks --scale 0.5",
                           "bench concurrency --scale 0.5"}) {
    INFO(args);
    migrator::test::TempDir dir;
    interrupt_leaves_no_scratch(dir, args, 200);
  }
}

TEST_CASE("interrupt: demo stopped under traffic or killed leaves receipts as loaded, and runs again", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  const auto db_file = dir / "migrator.db";
  const auto as_loaded = [&] {
    auto db = migrator::test::connect("sqlite:" + db_file.string());
    CHECK(migrator::test::scalar(*db, "SELECT count(*) FROM receipts") == "30000");
    CHECK(migrator::test::scalar(*db, "SELECT count(*) FROM pragma_table_info('receipts') WHERE name = 'tax_amount'") ==
          "0");
    CHECK(migrator::test::scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 'receipts_traffic_test'") == "0");
  };
  for (const auto* signal : {"INT", "KILL"}) {
    INFO(signal);
    BackgroundRun run("demo --scale 0.3", dir.path());
    // check's findings come just before the traffic starts; its first second is traffic alone,
    // then the migrations (30,000 receipts: a few seconds in all).
    REQUIRE(run.wait_for_output("error[adding-not-null-column]", 60));
    std::this_thread::sleep_for(std::chrono::milliseconds(std::string(signal) == "INT" ? 500 : 1300));
    run.signal(signal);
    const int code = run.wait(20);
    INFO(run.result().err);
    CHECK(code == (std::string(signal) == "INT" ? 130 : 137));
    if (std::string(signal) == "INT") {
      as_loaded();  // put back before it exited
    }
  }
  // After the kill, the next demo puts back what was left and tells the whole story.
  const auto again = migrator_cli("demo --scale 0.3", dir.path());
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.find("✓ no receipt lost                                   30000 before and after") != std::string::npos);
  auto db = migrator::test::connect("sqlite:" + db_file.string());
  CHECK(migrator::test::scalar(*db, "SELECT count(*) FROM receipts") == "30000");
}

TEST_CASE("interrupt: on PostgreSQL the statement is cancelled and the scratch database dropped",
          "[cli][postgres]") {
  migrator::test::PostgresDatabase database;
  auto admin = migrator::test::connect(database.url());
  migrator::test::TempDir dir;
  dir.write("plan/001_sleep.yaml",
            "transaction: false\nsteps:\n  - name: make t\n    sql: CREATE TABLE t (id integer)\n"
            "    rollback: DROP TABLE t\n  - name: a long step\n    sql: SELECT pg_sleep(60)\n    rollback: SELECT 1\n");
  const auto db_option = " --db " + migrator::test::shell_quote(database.url());
  {
    BackgroundRun run("apply plan" + db_option, dir.path());
    REQUIRE(run.wait_for_output("make t", 20));
    run.signal("TERM");
    const int code = run.wait(20);
    // What the run said and what its session was doing, should it still be running.
    INFO(run.result().out << run.result().err << "\nserver: "
                          << migrator::test::scalar(*admin, "SELECT string_agg(state || ': ' || query, '; ') FROM "
                                                            "pg_stat_activity WHERE datname = current_database() "
                                                            "AND pid <> pg_backend_pid()"));
    REQUIRE(code == 143);
    CHECK_THAT(run.result().err, Catch::Contains("canceling statement due to user request") &&
                                     Catch::Contains("migration 1 was rolled back"));
    CHECK(migrator::test::scalar(*admin, "SELECT count(*) FROM migrator_history") == "0");
    CHECK(migrator::test::scalar(*admin, "SELECT to_regclass('t') IS NULL") == "t");
  }
  BackgroundRun rehearse("check plan --rehearse" + db_option, dir.path());
  // This run's own (its pid is in the name): other runs on the server have theirs.
  const auto scratch_databases = [&] {
    return migrator::test::scalar(
        *admin, "SELECT count(*) FROM pg_database WHERE datname LIKE 'migrator_rehearse_" + rehearse.pid() + "_%'");
  };
  for (int i = 0; i < 500 && scratch_databases() == "0"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  REQUIRE(scratch_databases() != "0");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  rehearse.signal("INT");
  const int code = rehearse.wait(20);
  INFO(rehearse.result().err);
  CHECK(code == 130);
  CHECK(scratch_databases() == "0");
}
