#include <catch2/catch.hpp>

#include "runner/runner_conformance.hpp"
#include "support/temp_dir.hpp"

TEST_CASE("runner: conformance on SQLite", "[runner][sqlite]") {
  migrator::test::TempDir dir;
  migrator::test::runner_conformance("sqlite:" + (dir / "runner.db").string());
}
