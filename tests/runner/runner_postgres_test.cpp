#include <catch2/catch.hpp>

#include "runner/runner_conformance.hpp"
#include "support/postgres.hpp"

TEST_CASE("runner: conformance on PostgreSQL", "[runner][postgres]") {
  migrator::test::PostgresDatabase database;
  migrator::test::runner_conformance(database.url());
}
