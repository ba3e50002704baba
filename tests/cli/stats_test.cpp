#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
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
