// Where scenarios are found: a binary in its build directory finds its source tree's.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "plan/scenario_dir.hpp"

namespace fs = std::filesystem;

TEST_CASE("scenario_dir: a binary in its build directory finds the source tree's scenarios", "[plan]") {
  // This test binary lives in the build directory (tests/migrator_tests), wherever that is.
  const auto places = migrator::plan::scenario_search_path();
  const fs::path source_scenarios = fs::path(MIGRATOR_SOURCE_DIR) / "scenarios";
  CHECK(std::find(places.begin(), places.end(), source_scenarios) != places.end());
  CHECK(fs::equivalent(migrator::plan::scenario_dir("vendor_normalization"),
                       source_scenarios / "vendor_normalization"));
  CHECK_THROWS_WITH(migrator::plan::scenario_dir("no_such_scenario"),
                    Catch::Contains("no scenario \"no_such_scenario\" (looked in ") &&
                        Catch::Contains((source_scenarios / "no_such_scenario").string()));
}
