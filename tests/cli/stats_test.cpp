#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;

TEST_CASE("cli: apply --scale loads the construction data and stats reports it",
          "[cli][generate][sqlite]") {
  migrator::test::TempDir dir;
  const std::string db_arg = " --db sqlite:" + (dir / "cr.db").string();
  const auto apply = migrator_cli("apply " + std::string(MIGRATOR_SOURCE_DIR) +
                                  "/scenarios/construction_receipts --scale 0.01" + db_arg);
  REQUIRE(apply.exit_code == 0);
  CHECK(apply.out.find("DATABASE STATISTICS") != std::string::npos);
  CHECK(apply.out.find("receipts                      1,000 records") != std::string::npos);

  const auto text = migrator_cli("stats" + db_arg);
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("DATABASE STATISTICS\n========================================\n") == 0);
  CHECK(text.out.find("inventory                       500 records") != std::string::npos);
  CHECK(text.out.find("market_valuations               150 records") != std::string::npos);
  CHECK(text.out.find("asset_movements                 100 records") != std::string::npos);
  CHECK(text.out.find("\n\nTotal Spent:      ") != std::string::npos);

  const auto json = migrator_cli("stats --format json" + db_arg);
  REQUIRE(json.exit_code == 0);
  const auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["tables"][4] == nlohmann::json{{"table", "receipts"}, {"rows", 1000}});
  const auto spent = doc["total_spent"].get<std::string>();
  CHECK(spent.size() > 3);
  CHECK(spent[spent.size() - 3] == '.');
  // The text and the JSON show the same amount.
  CHECK(text.out.find(spent.substr(spent.size() - 6)) != std::string::npos);
}

TEST_CASE("cli: stats on a database without the construction data says what to do",
          "[cli][generate][sqlite]") {
  migrator::test::TempDir dir;
  const auto r = migrator_cli("stats --db sqlite:" + (dir / "empty.db").string());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("migrator: error: no construction data in sqlite:") == 0);
  CHECK(r.err.find("hint: load it first: migrator apply scenarios/construction_receipts") !=
        std::string::npos);
}

TEST_CASE("cli: apply --dry-run shows the load's counts at the --scale given",
          "[cli][generate][sqlite]") {
  migrator::test::TempDir dir;
  const auto r = migrator_cli("apply " + std::string(MIGRATOR_SOURCE_DIR) +
                              "/scenarios/construction_receipts --dry-run --scale 10 --db sqlite:" +
                              (dir / "cr.db").string());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("-- generate (seed 42): 1,000,000 receipts with their items, 500,000 "
                   "inventory items, 150,000 market valuations (30%), 100,000 asset movements "
                   "(20%), 2 years from 2023-01-01 (--scale 10)") != std::string::npos);
  CHECK(r.out.find("Dry run: would apply 7 migrations") != std::string::npos);
}

TEST_CASE("cli: a load killed half way is finished by the next apply",
          "[cli][generate][sqlite]") {
  // kill -9 a second into a load of 200,000 receipts (about 1.5 s of work on a quiet
  // machine). Wherever the kill lands - schema, load, checks - the next apply must end with
  // the exact data set.
  migrator::test::TempDir dir;
  const std::string args = "apply " + std::string(MIGRATOR_SOURCE_DIR) +
                           "/scenarios/construction_receipts --scale 2 --db sqlite:" +
                           (dir / "cr.db").string();
  const auto killed = migrator::test::run_command(
      migrator::test::migrator_command(args) +
      " >/dev/null 2>&1 & pid=$!; sleep 1; kill -9 $pid; wait $pid; echo $?");
  CHECK(killed.output.find("137") != std::string::npos);
  const auto again = migrator_cli(args);
  REQUIRE(again.exit_code == 0);
  const auto stats = migrator_cli("stats --format json --db sqlite:" + (dir / "cr.db").string());
  REQUIRE(stats.exit_code == 0);
  const auto doc = nlohmann::json::parse(stats.out);
  CHECK(doc["tables"][4] == nlohmann::json{{"table", "receipts"}, {"rows", 200000}});
  CHECK(doc["tables"][6] == nlohmann::json{{"table", "inventory"}, {"rows", 100000}});
}

TEST_CASE("cli: --scale refuses what is not a positive number, saying what it means",
          "[cli][generate][sqlite]") {
  for (const std::string command : {"apply", "demo", "bench"}) {
    INFO(command);
    const auto r = migrator_cli(command + " --scale -1 --db sqlite::memory:");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("migrator: error: --scale: \"-1\" is not a positive number (1 = 100,000 "
                     "receipts, 10 = 1,000,000)") == 0);
  }
  CHECK(migrator_cli("apply --scale 2x --db sqlite::memory:").exit_code == 2);
}
