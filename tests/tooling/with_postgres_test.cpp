// scripts/with-postgres: the throwaway server the PostgreSQL tests run against trades
// durability for speed; --durable keeps PostgreSQL's defaults for benchmarks whose ratios
// depend on what a commit costs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/command.hpp"

namespace {

const std::string k_with_postgres =
    migrator::test::shell_quote((std::filesystem::path(MIGRATOR_SOURCE_DIR) / "scripts/with-postgres").string());

// What the server started by with-postgres [option] says of a setting.
std::string setting(const std::string& option, const std::string& name) {
  const auto r = migrator::test::run_command(k_with_postgres + " " + option +
                                             " sh -c 'psql \"$MIGRATOR_TEST_PG_URL\" -Atc \"SHOW " + name +
                                             "\"' 2>/dev/null");
  REQUIRE(r.exit_code == 0);
  return r.output;
}

}  // namespace

TEST_CASE("with-postgres: fsync off for the tests, PostgreSQL's defaults with --durable", "[tooling][postgres]") {
  CHECK(setting("", "fsync") == "off\n");
  CHECK(setting("", "synchronous_commit") == "off\n");
  CHECK(setting("--durable", "fsync") == "on\n");
  CHECK(setting("--durable", "synchronous_commit") == "on\n");
  CHECK(migrator::test::run_command(k_with_postgres + " --durable 2>&1").exit_code == 2);
}
