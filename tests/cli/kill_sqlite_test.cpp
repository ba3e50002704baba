#include <catch2/catch.hpp>

#include "cli/kill_conformance.hpp"
#include "support/temp_dir.hpp"

TEST_CASE("kill trials: SQLite keeps history and data in agreement through kill -9", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  migrator::test::kill_conformance("sqlite:" + (dir / "kill.db").string(), 24);
}
