// One plan on many databases (issue 13) as a user runs it: --targets FILE and --db more than
// once; --parallel, --canary, --on-error; a broken, an unreachable and a locked target; two
// fleet runs at once; kill -9 half way; passwords never printed. On SQLite files and on
// databases of the test PostgreSQL server.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "support/background.hpp"
#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/db.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;

namespace {

// Three migrations; the second creates `orders`, so a database that already has one is a
// target where migration 2 fails (and is undone: that target stays at 1). The third counts
// its runs in `applied_once`, so a migration run twice shows.
void write_fleet_plan(const migrator::test::TempDir& dir, const std::string& slow_sql = "SELECT 1") {
  dir.write("plan/001_customers.yaml",
            "steps:\n  - name: customers\n    sql: CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)\n"
            "    rollback: DROP TABLE customers\n");
  dir.write("plan/002_orders.yaml",
            "steps:\n  - name: orders\n    sql: CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER)\n"
            "    rollback: DROP TABLE orders\n  - name: slow\n    sql: \"" + slow_sql + "\"\n    rollback: SELECT 1\n");
  dir.write("plan/003_count.yaml",
            "steps:\n  - name: count\n    sql: CREATE TABLE applied_once (n INTEGER); INSERT INTO applied_once VALUES (1)\n"
            "    rollback: DROP TABLE applied_once\n"
            "    verify:\n      - name: one row\n        sql: SELECT count(*) FROM applied_once\n        expect: 1\n");
}

// A targets file of `n` SQLite files t0.db ... in `dir`.
std::string sqlite_targets(const migrator::test::TempDir& dir, int n, const std::string& file = "targets.yaml") {
  std::string yaml;
  for (int i = 0; i < n; ++i) {
    yaml += "- name: t" + std::to_string(i) + "\n  url: sqlite:t" + std::to_string(i) + ".db\n";
  }
  dir.write(file, yaml);
  return file;
}

void break_target(const migrator::test::TempDir& dir, int i) {
  auto db = migrator::test::connect("sqlite:" + (dir / ("t" + std::to_string(i) + ".db")).string());
  db->exec("CREATE TABLE orders (legacy TEXT)");
}

std::string sqlite_scalar(const migrator::test::TempDir& dir, int i, const std::string& sql) {
  auto db = migrator::test::connect("sqlite:" + (dir / ("t" + std::to_string(i) + ".db")).string());
  return migrator::test::scalar(*db, sql);
}

nlohmann::json json_of(const migrator::test::CliResult& result) {
  INFO(result.out << result.err);
  REQUIRE_NOTHROW(nlohmann::json::parse(result.out));
  return nlohmann::json::parse(result.out);
}

std::string state_of(const nlohmann::json& document, int i) {
  return document["targets"][static_cast<std::size_t>(i)]["state"].get<std::string>();
}

}  // namespace

TEST_CASE("fleet: 50 SQLite files reach the head, and status and verify see each one", "[cli][fleet]") {
  migrator::test::TempDir dir;
  write_fleet_plan(dir);
  const auto targets = sqlite_targets(dir, 50);
  const auto applied = migrator_cli("apply plan --targets " + targets + " --parallel 4", dir.path());
  INFO(applied.out << applied.err);
  CHECK(applied.exit_code == 0);
  CHECK_THAT(applied.out, Catch::Contains("Applying \"plan\" on 50 targets (at most 4 at once)") &&
                              Catch::Contains("done         t49  - -> 3  3 migrations") &&
                              Catch::Contains("TARGET  FROM -> TO  MIGRATIONS") && Catch::Contains("50 targets: 50 done in"));
  for (int i = 0; i < 50; i += 7) {
    CHECK(sqlite_scalar(dir, i, "SELECT count(*) FROM applied_once") == "1");
  }
  const auto again = migrator_cli("apply plan --targets " + targets + " --parallel 8 --format json", dir.path());
  const auto document = json_of(again);
  CHECK(again.exit_code == 0);
  CHECK(document["summary"]["done"] == 50);
  CHECK(document["targets"][7]["from"] == 3);
  CHECK(document["targets"][7]["migrations"] == 0);
  CHECK(document["targets"][7]["note"] == "up to date");

  const auto status = migrator_cli("status plan --targets " + targets + " --exit-code", dir.path());
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.out, Catch::Contains("TARGET  VERSION  PENDING") && Catch::Contains("at head"));
  CHECK(migrator_cli("verify plan --targets " + targets + " --parallel 4 -q", dir.path()).exit_code == 0);

  // One falls behind: status --exit-code says so, verify still passes; rollback takes all back.
  REQUIRE(migrator_cli("rollback plan --to 1 --db sqlite:t3.db -q", dir.path()).exit_code == 0);
  const auto behind = migrator_cli("status plan --targets " + targets + " --exit-code --format json", dir.path());
  CHECK(behind.exit_code == 1);
  CHECK(json_of(behind)["targets"][3]["pending"] == 2);
  const auto rolled_back = migrator_cli("rollback plan --to 0 --targets " + targets + " --parallel 4", dir.path());
  CHECK(rolled_back.exit_code == 0);
  CHECK_THAT(rolled_back.out, Catch::Contains("done         t3  1 -> -  1 migration") && Catch::Contains("50 targets: 50 done"));
  CHECK(sqlite_scalar(dir, 20, "SELECT count(*) FROM sqlite_schema WHERE name = 'customers'") == "0");
}

TEST_CASE("fleet: a broken target stops the fleet, or not with continue, and a broken canary stops it all", "[cli][fleet]") {
  migrator::test::TempDir dir;
  write_fleet_plan(dir);
  const auto targets = sqlite_targets(dir, 10);
  break_target(dir, 4);

  const auto stopped = migrator_cli("apply plan --targets " + targets + " --format json", dir.path());
  CHECK(stopped.exit_code == 1);
  const auto document = json_of(stopped);
  CHECK(state_of(document, 3) == "done");
  CHECK(state_of(document, 4) == "failed");
  CHECK(document["targets"][4]["to"] == 1);  // migration 2 undone: at the last good version
  CHECK_THAT(document["targets"][4]["error"].get<std::string>(), Catch::Contains("orders"));
  for (int i = 5; i < 10; ++i) {
    CHECK(state_of(document, i) == "skipped");
    CHECK(sqlite_scalar(dir, i, "SELECT count(*) FROM sqlite_schema WHERE name = 'customers'") == "0");
  }

  const auto continued = migrator_cli("apply plan --targets " + targets + " --on-error continue --parallel 3", dir.path());
  CHECK(continued.exit_code == 1);
  CHECK_THAT(continued.out, Catch::Contains("failed       t4  1: ") && Catch::Contains("10 targets: 9 done, 1 failed"));
  CHECK(sqlite_scalar(dir, 9, "SELECT count(*) FROM applied_once") == "1");

  migrator::test::TempDir canary_dir;
  write_fleet_plan(canary_dir);
  sqlite_targets(canary_dir, 8);
  break_target(canary_dir, 1);
  const auto canary = migrator_cli("apply plan --targets targets.yaml --canary 2 --on-error continue --parallel 4",
                                   canary_dir.path());
  CHECK(canary.exit_code == 1);
  CHECK_THAT(canary.out, Catch::Contains("a canary failed, so no other target was started"));
  CHECK(sqlite_scalar(canary_dir, 0, "SELECT count(*) FROM applied_once") == "1");  // the good canary
  for (int i = 2; i < 8; ++i) {
    CHECK(sqlite_scalar(canary_dir, i, "SELECT count(*) FROM sqlite_schema WHERE name = 'customers'") == "0");
  }
}

TEST_CASE("fleet: an unreachable target exits 3, the others go on with continue", "[cli][fleet]") {
  migrator::test::TempDir dir;
  write_fleet_plan(dir);
  dir.write("targets.yaml",
            "- name: good\n  url: sqlite:good.db\n- name: gone\n  url: sqlite:no/such/dir/x.db\n"
            "- name: also-good\n  url: sqlite:also.db\n");
  const auto result = migrator_cli("apply plan --targets targets.yaml --on-error continue", dir.path());
  CHECK(result.exit_code == 3);
  CHECK_THAT(result.out, Catch::Contains("unreachable  gone") && Catch::Contains("2 done, 1 unreachable"));
  const auto stopped = migrator_cli("apply plan --targets targets.yaml --db sqlite:x.db", dir.path());
  CHECK(stopped.exit_code == 2);  // --targets and --db
}

TEST_CASE("fleet: two runs at once on the same targets apply nothing twice", "[cli][fleet]") {
  migrator::test::TempDir dir;
  // Migration 2 takes a moment on each target, so the two runs overlap.
  write_fleet_plan(dir, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) SELECT count(*) FROM c");
  const auto targets = sqlite_targets(dir, 12);
  migrator::test::BackgroundRun first("apply plan --targets " + targets + " --parallel 3", dir.path());
  migrator::test::BackgroundRun second("apply plan --targets " + targets + " --parallel 4", dir.path());
  CHECK(first.wait(120) == 0);
  CHECK(second.wait(120) == 0);
  INFO(first.result().out << second.result().out << second.result().err);
  for (int i = 0; i < 12; ++i) {
    CHECK(sqlite_scalar(dir, i, "SELECT count(*) FROM applied_once") == "1");
    CHECK(sqlite_scalar(dir, i, "SELECT count(*) FROM migrator_history") == "3");
  }
}

TEST_CASE("fleet: killed half way, the next run finishes every target", "[cli][fleet]") {
  migrator::test::TempDir dir;
  write_fleet_plan(dir, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT count(*) FROM c");
  const auto targets = sqlite_targets(dir, 10);
  {
    migrator::test::BackgroundRun run("apply plan --targets " + targets + " --parallel 2", dir.path());
    REQUIRE(run.wait_for_output("done         t", 60));
    run.signal("KILL");
    CHECK(run.wait(20) == 137);
  }
  const auto next = migrator_cli("apply plan --targets " + targets + " --parallel 3", dir.path());
  INFO(next.out << next.err);
  CHECK(next.exit_code == 0);
  CHECK_THAT(next.out, Catch::Contains("10 targets: 10 done"));
  CHECK(migrator_cli("verify plan --targets " + targets + " -q", dir.path()).exit_code == 0);
  for (int i = 0; i < 10; ++i) {
    CHECK(sqlite_scalar(dir, i, "SELECT count(*) FROM applied_once") == "1");
  }
}

TEST_CASE("fleet: on a terminal the unfinished targets are redrawn under the finished ones", "[cli][fleet]") {
  migrator::test::TempDir dir;
  write_fleet_plan(dir);
  sqlite_targets(dir, 3);
  // script(1) gives the run a terminal; what it wrote, escapes and all, lands in the file.
  const auto result = migrator::test::run_command(
      "cd " + migrator::test::shell_quote(dir.path().string()) + " && script -qfec " +
      migrator::test::shell_quote(migrator::test::migrator_command("apply plan --targets targets.yaml")) + " tty.out");
  CHECK(result.exit_code == 0);
  const auto screen = dir.read("tty.out");
  CHECK_THAT(screen, Catch::Contains("t2  waiting") && Catch::Contains("t0  applying 001 customers") &&
                         Catch::Contains("0 of 3 finished (0 failed), 1 running, 2 waiting") &&
                         Catch::Contains("\x1b[") && Catch::Contains("3 targets: 3 done"));
  // Without a terminal: no escapes, one line per target.
  const auto plain = migrator_cli("apply plan --targets targets.yaml", dir.path());
  CHECK(plain.out.find('\x1b') == std::string::npos);
  CHECK(plain.out.find("waiting") == std::string::npos);
}

TEST_CASE("fleet: the wrong ways to ask get a clear error and change nothing", "[cli][fleet]") {
  migrator::test::TempDir dir;
  write_fleet_plan(dir);
  sqlite_targets(dir, 2);
  const auto expect_usage = [&](const std::string& args, const std::string& message) {
    const auto result = migrator_cli(args, dir.path());
    INFO(args << "\n" << result.err);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains(message));
  };
  expect_usage("apply plan --parallel 4", "--parallel, --canary and --on-error are for runs on several databases");
  expect_usage("apply plan --targets targets.yaml --parallel 0", "is not a whole number from 1 to 256");
  expect_usage("apply plan --targets targets.yaml --on-error retry", "retry");
  expect_usage("apply plan --targets missing.yaml", "missing.yaml");
  expect_usage("apply nowhere --targets targets.yaml", "no plan directory \"nowhere\"");
  expect_usage("stats --db sqlite:a.db --db sqlite:b.db", "--db is given 2 times");
  dir.write("bad.yaml", "- name: a\n  url: sqlite:a.db\n- name: b\n  url: ftp://b\n");
  expect_usage("apply plan --targets bad.yaml", "bad.yaml:4: [1].url");
  expect_usage("apply plan --targets bad.yaml", "1 problem in the targets file; nothing was changed");
  CHECK_FALSE(std::filesystem::exists(dir / "t0.db"));
  CHECK_FALSE(std::filesystem::exists(dir / "a.db"));
}

TEST_CASE("fleet: targets: in migrator.yaml, and --db given more than once", "[cli][fleet]") {
  migrator::test::TempDir dir;
  write_fleet_plan(dir);
  dir.write("migrator.yaml", "plan: plan\ntargets:\n  - name: one\n    url: sqlite:one.db\n  - name: two\n    url: sqlite:two.db\n");
  const auto from_config = migrator_cli("apply", dir.path());
  CHECK(from_config.exit_code == 0);
  CHECK_THAT(from_config.out, Catch::Contains("2 targets: 2 done"));
  // One --db is one database, as before; two are a fleet.
  CHECK_THAT(migrator_cli("status --db sqlite:one.db", dir.path()).out, Catch::Contains("3 applied"));
  const auto two = migrator_cli("status --db sqlite:one.db --db sqlite:three.db", dir.path());
  CHECK_THAT(two.out, Catch::Contains("sqlite:three.db  -") && Catch::Contains("behind"));
  CHECK_FALSE(std::filesystem::exists(dir / "three.db"));  // status creates nothing
  // Each --db takes one URL: what follows is the command's own argument.
  CHECK_THAT(migrator_cli("status --db sqlite:one.db --db sqlite:two.db plan", dir.path()).out,
             Catch::Contains("2 targets: 2 done"));
}

TEST_CASE("fleet: 20 PostgreSQL databases, one broken, passwords never printed", "[cli][fleet][postgres]") {
  migrator::test::TempDir dir;
  write_fleet_plan(dir);
  std::vector<std::unique_ptr<migrator::test::PostgresDatabase>> databases;
  std::string yaml;
  std::string password;
  for (int i = 0; i < 20; ++i) {
    databases.push_back(std::make_unique<migrator::test::PostgresDatabase>());
    auto url = databases.back()->url();
    // postgresql://user:PASSWORD@host...: the file says ${MIGRATOR_TEST_FLEET_PASSWORD} instead.
    const auto colon = url.find(':', url.find("://") + 3);
    const auto at = url.find('@');
    password = url.substr(colon + 1, at - colon - 1);
    url.replace(colon + 1, at - colon - 1, "${MIGRATOR_TEST_FLEET_PASSWORD}");
    yaml += "- name: tenant" + std::to_string(i) + "\n  url: " + url + "\n  group: " + (i < 2 ? "canary" : "main") + "\n";
  }
  REQUIRE(password.size() >= 4);
  dir.write("targets.yaml", yaml);
  {
    auto broken = migrator::test::connect(databases[12]->url());
    broken->exec("CREATE TABLE orders (legacy text)");
  }
  const std::string environment = "MIGRATOR_TEST_FLEET_PASSWORD=" + migrator::test::shell_quote(password) + " ";
  const auto run = [&](const std::string& args) {
    return migrator::test::run_command("cd " + migrator::test::shell_quote(dir.path().string()) + " && " + environment +
                                       migrator::test::migrator_command(args) + " 2>&1");
  };
  const auto applied = run("apply plan --targets targets.yaml --parallel 4 --canary 2 --on-error continue");
  INFO(applied.output);
  CHECK(applied.exit_code == 1);
  CHECK_THAT(applied.output, Catch::Contains("GROUP") && Catch::Contains("canary") &&
                                 Catch::Contains("20 targets: 19 done, 1 failed") && Catch::Contains("failed       tenant12"));
  CHECK(applied.output.find(password) == std::string::npos);
  const auto json = run("status plan --targets targets.yaml --parallel 4 --format json");
  CHECK(json.output.find(password) == std::string::npos);
  CHECK_THAT(json.output, Catch::Contains("***"));
  auto admin = migrator::test::connect(databases[19]->url());
  CHECK(migrator::test::scalar(*admin, "SELECT count(*) FROM applied_once") == "1");
  auto broken = migrator::test::connect(databases[12]->url());
  CHECK(migrator::test::scalar(*broken, "SELECT max(version) FROM migrator_history") == "1");
  // Without the variable: refused before any target is touched.
  const auto unset = migrator::test::run_command("cd " + migrator::test::shell_quote(dir.path().string()) + " && " +
                                                 migrator::test::migrator_command("apply plan --targets targets.yaml") +
                                                 " 2>&1");
  CHECK(unset.exit_code == 2);
  CHECK_THAT(unset.output, Catch::Contains("MIGRATOR_TEST_FLEET_PASSWORD is not set"));
}
