#include <catch2/catch.hpp>

#include "lint/rehearse_conformance.hpp"

TEST_CASE("rehearse: conformance on SQLite", "[lint][sqlite]") {
  migrator::test::rehearse_conformance("sqlite:unused.db");
}

TEST_CASE("rehearse: every scenario passes check --rehearse on SQLite", "[lint][sqlite]") {
  migrator::test::rehearse_scenarios("sqlite:unused.db");
}
