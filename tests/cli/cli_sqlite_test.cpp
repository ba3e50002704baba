#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli/cli_conformance.hpp"
#include "support/cli.hpp"
#include "support/db.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;

TEST_CASE("cli: conformance on SQLite", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  migrator::test::cli_conformance("sqlite:" + (dir / "cli.db").string());
}

TEST_CASE("cli: the default database is sqlite:migrator.db in the working directory", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  const auto r = migrator_cli("apply " + std::string(MIGRATOR_SOURCE_DIR) + "/scenarios/vendor_normalization",
                              dir.path());
  CHECK(r.exit_code == 0);
  CHECK(std::filesystem::exists(dir / "migrator.db"));
}

TEST_CASE("cli: commands that only read leave no database file behind", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  const std::string plan = std::string(MIGRATOR_SOURCE_DIR) + "/scenarios/vendor_normalization";
  const auto status = migrator_cli("status " + plan, dir.path());
  CHECK(status.exit_code == 0);
  CHECK(status.out.find("0 applied, 5 pending") != std::string::npos);
  CHECK(migrator_cli("verify " + plan, dir.path()).exit_code == 0);
  CHECK(migrator_cli("rollback --to 0 " + plan, dir.path()).exit_code == 0);
  CHECK(migrator_cli("stats", dir.path()).exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "migrator.db"));
  CHECK(migrator_cli("apply " + plan, dir.path()).exit_code == 0);
  CHECK(std::filesystem::exists(dir / "migrator.db"));
}

TEST_CASE("cli: a history table made WITHOUT ROWID by earlier builds works on beside the rowid form new ones get",
          "[cli][sqlite]") {
  migrator::test::TempDir dir;
  const std::string plan = std::string(MIGRATOR_SOURCE_DIR) + "/scenarios/vendor_normalization";
  REQUIRE(migrator_cli("apply " + plan + " --db sqlite:new.db", dir.path()).exit_code == 0);
  std::string create;
  {
    auto fresh = migrator::test::connect("sqlite:" + (dir / "new.db").string());
    create = migrator::test::scalar(*fresh, "SELECT sql FROM sqlite_schema WHERE name = 'migrator_history'");
  }
  CHECK(create.find("WITHOUT ROWID") == std::string::npos);  // rows of ~650 bytes split less this way
  {
    auto old = migrator::test::connect("sqlite:" + (dir / "old.db").string());
    old->exec(create + " WITHOUT ROWID");
  }
  const auto db = " --db sqlite:old.db";
  CHECK(migrator_cli("apply " + plan + db, dir.path()).exit_code == 0);
  CHECK(migrator_cli("rollback --to 2 " + plan + db, dir.path()).exit_code == 0);
  CHECK(migrator_cli("apply " + plan + db, dir.path()).exit_code == 0);
  const auto status = migrator_cli("status " + plan + db, dir.path());
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.out, Catch::Contains("5 applied, 0 pending"));
  CHECK(migrator_cli("verify " + plan + db, dir.path()).exit_code == 0);
  auto old = migrator::test::connect("sqlite:" + (dir / "old.db").string());
  CHECK_THAT(migrator::test::scalar(*old, "SELECT sql FROM sqlite_schema WHERE name = 'migrator_history'"),
             Catch::EndsWith("WITHOUT ROWID"));
}

TEST_CASE("cli: migrator.yaml sets the database and the plan", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  dir.write("migrator.yaml", "database: sqlite:project.db\nplan: " + std::string(MIGRATOR_SOURCE_DIR) +
                                 "/scenarios/vendor_normalization\n");
  CHECK(migrator_cli("apply", dir.path()).exit_code == 0);
  CHECK(std::filesystem::exists(dir / "project.db"));
  dir.write("migrator.yaml", "databse: sqlite:x.db\n");
  const auto r = migrator_cli("status", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("migrator.yaml:1: databse: error: unknown key \"databse\"") != std::string::npos);
}

TEST_CASE("cli: new creates the next numbered migration from a template that loads", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  CHECK(migrator_cli("new plans 'Add vendor index'", dir.path()).exit_code == 0);
  CHECK(migrator_cli("new plans second-one", dir.path()).exit_code == 0);
  CHECK(std::filesystem::exists(dir / "plans/001_add_vendor_index.yaml"));
  CHECK(std::filesystem::exists(dir / "plans/002_second_one.yaml"));
  CHECK(migrator_cli("apply plans --db sqlite:t.db", dir.path()).exit_code == 0);
  // Braces in the title cannot clash with the placeholder; the template keeps its own.
  CHECK(migrator_cli("new plans 'odd {title} name'", dir.path()).exit_code == 0);
  const auto text = dir.read("plans/003_odd_title_name.yaml");
  CHECK(text.rfind("name: odd title name\n", 0) == 0);
  CHECK(text.find("-- sql: {postgres: ..., sqlite: ...} where they differ") != std::string::npos);
}

TEST_CASE("cli: new numbers by UTC time with --timestamp, and keeps to it after", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  const auto first = migrator_cli("new plans add_users --timestamp --format json", dir.path());
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const auto version = nlohmann::json::parse(first.out).at("version").get<std::int64_t>();
  CHECK(version > 20261129000000);  // written on 2026-11-29
  CHECK(version < 100000000000000);
  CHECK(std::filesystem::exists(dir / ("plans/" + std::to_string(version) + "_add_users.yaml")));
  // A plan numbered by time stays so without the flag; two in one second still differ.
  const auto second = migrator_cli("new plans add_orders --format json", dir.path());
  const auto next = nlohmann::json::parse(second.out).at("version").get<std::int64_t>();
  CHECK(next > version);
  CHECK(next < 100000000000000);
  CHECK(migrator_cli("apply plans --db sqlite:t.db", dir.path()).exit_code == 0);
}

TEST_CASE("cli: a --to that is not a version is refused before anything runs", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  const auto apply = migrator_cli("apply --to -1 --db sqlite:x.db", dir.path());
  CHECK(apply.exit_code == 2);
  CHECK(apply.err.find("migrator: error: --to: \"-1\" is not a version from 1 up (a version of the plan): "
                       "a whole number, or a dotted one like 1.1") == 0);
  const auto rollback = migrator_cli("rollback --to two --db sqlite:x.db", dir.path());
  CHECK(rollback.exit_code == 2);
  CHECK(rollback.err.find("\"two\" is not a version from 0 up") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "x.db"));
}

TEST_CASE("cli: a bad --lock-timeout is refused by every command, even one that takes no lock",
          "[cli][sqlite]") {
  migrator::test::TempDir dir;
  const auto r = migrator_cli("--lock-timeout 5q status --db sqlite:x.db", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("migrator: error: --lock-timeout: \"5q\" is not a duration") == 0);
}
