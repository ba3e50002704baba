#include <catch2/catch.hpp>

#include "generate/scenario_conformance.hpp"
#include "support/temp_dir.hpp"

TEST_CASE("construction_receipts: the scenario on SQLite", "[generate][sqlite]") {
  migrator::test::TempDir dir;
  migrator::test::construction_scenario_conformance("sqlite:" + (dir / "cr.db").string());
}
